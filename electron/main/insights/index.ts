/** Insights: analysis questions answered with evidence, stored as analysis results, summarised. */
export { executiveSummary, inPeriod, type SummaryPeriod } from './executiveSummary';
export { InsightsService } from './insightsService';
export { ChatAnalyst, wantsStatistics } from './chatAnalyst';
export { recognizeIntent, type AnalysisIntent } from './intent';
export type { InsightOrigin, PolicyFingerprint } from './insightStore';
export type { ExecutiveSummary, Insight, InsightChart, InsightKind, Recommendation, StoredInsight } from '../../../shared/api/domains/insights';
