/** Comparisons behind an answer: refine the plan before it runs (growth, like for like), then
 *  gather the prior period, total and data range with extra guarded queries. */
export { gatherFacts, refine, dataRange, type AnswerFacts, type RunSql } from './gather';
export { asPlan, PlanSql } from './planSql';
export { dayLabel, spanLabel, type DataRange } from './periods';
export { prepareComparisons, type Comparisons } from './comparisons';
export { meaningOf } from './meaning';
