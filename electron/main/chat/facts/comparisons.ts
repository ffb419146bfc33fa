/** The two moments the chat pipeline asks for comparisons: before the answer's query runs (the
 *  plan may be refined) and after (facts for the narrative). */
import type { QueryResult } from '../../../../shared/api/domains/query';
import type { Glossary } from '../../../../shared/types/semantic';
import type { SchemaInfo } from '../../../../shared/types/schema';
import type { SqlGeneration } from '../execution';
import type { Meaning } from '../narrative/types';
import { gatherFacts, refine, type AnswerFacts, type RunSql } from './gather';
import { meaningOf } from './meaning';
import { asPlan, PlanSql } from './planSql';

export interface Comparisons {
  /** The generation to run (refined when growth or a like-for-like comparison was asked). */
  generation: SqlGeneration;
  /** Facts and meaning for the narrative, once `ran` is the result of `generation`. */
  finish(ran: SqlGeneration, result: QueryResult): Promise<{ facts?: AnswerFacts; meaning?: Meaning }>;
}

export async function prepareComparisons(generation: SqlGeneration, question: string, source: { schema: SchemaInfo; glossary?: Glossary }, run: RunSql): Promise<Comparisons> {
  const plan = generation.engine === 'offline' ? asPlan(generation.plan) : undefined;
  if (!plan) return { generation, finish: async () => ({}) };
  const sql = new PlanSql(source.schema, source.glossary);
  const { range, refinement } = await refine(plan, question, sql, run);
  const refined: SqlGeneration = refinement
    ? { ...generation, sql: refinement.sql, plan: refinement.plan, explanation: [refinement.explanation, ...generation.explanation.split('\n').slice(1)].join('\n') }
    : generation;
  const finalPlan = refinement?.plan ?? plan;
  return {
    generation: refined,
    async finish(ran, result) {
      if (ran.sql !== refined.sql) return {};
      const facts = await gatherFacts(finalPlan, result, range, sql, run);
      return { facts: { ...facts, note: refinement?.note }, meaning: meaningOf(finalPlan) };
    },
  };
}
