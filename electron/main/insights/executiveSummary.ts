/** The executive summary of a period: the findings that matter most first, urgent items flagged,
 *  and the recommended actions in priority order. Built only from stored insights (no new figures). */
import type { ExecutiveSummary, Priority, StoredInsight } from '../../../shared/api/domains/insights';

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
const KEY_FINDINGS = 5;
const ACTIONS = 8;

export interface SummaryPeriod {
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
}

/** Insights created in the period, or about a period that overlaps it. */
export function inPeriod(record: StoredInsight, period: SummaryPeriod): boolean {
  const about = record.insight.period;
  if (about) return about.start <= period.to && about.end > period.from;
  const created = record.createdAt.slice(0, 10);
  return created >= period.from && created <= period.to;
}

function rank(a: StoredInsight, b: StoredInsight): number {
  return PRIORITY_RANK[a.insight.priority] - PRIORITY_RANK[b.insight.priority]
    || Math.abs(b.insight.impact?.value ?? 0) - Math.abs(a.insight.impact?.value ?? 0)
    || b.insight.confidence - a.insight.confidence
    || b.createdAt.localeCompare(a.createdAt);
}

/** Keeps the newest insight per headline: the same question asked twice is one finding. */
function distinct(records: StoredInsight[]): StoredInsight[] {
  const seen = new Set<string>();
  return [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).filter((r) => {
    const key = `${r.insight.kind}|${r.insight.headline}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function countBy(records: StoredInsight[], key: (r: StoredInsight) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

export function executiveSummary(records: readonly StoredInsight[], period: SummaryPeriod): ExecutiveSummary {
  const chosen = distinct(records.filter((r) => inPeriod(r, period))).sort(rank);
  const worthReading = chosen.filter((r) => r.insight.significant);
  const findings = (worthReading.length ? worthReading : chosen).slice(0, KEY_FINDINGS);
  const urgent = chosen.filter((r) => r.insight.priority === 'urgent' && r.insight.significant);
  const actions = findings.flatMap((r) => r.insight.recommendations.map((rec) => ({ ...rec, insightId: r.id, priority: r.insight.priority }))).slice(0, ACTIONS);
  const range = `${period.from} to ${period.to}`;
  const headline = !chosen.length
    ? `No insights were recorded from ${range}. Ask for a forecast, anomalies or the reason for a change to create some.`
    : urgent.length
      ? `${urgent.length} urgent finding${urgent.length === 1 ? '' : 's'} from ${range}: ${urgent[0].insight.headline}`
      : `Most important from ${range}: ${findings[0].insight.headline}`;
  return {
    period: { from: period.from, to: period.to },
    headline,
    keyFindings: findings.map((r) => ({ insightId: r.id, headline: r.insight.headline, priority: r.insight.priority, impact: r.insight.impact?.text ?? null, confidenceLabel: r.insight.confidenceLabel })),
    urgent: urgent.map((r) => ({ insightId: r.id, headline: r.insight.headline })),
    actions,
    counts: { insights: chosen.length, byKind: countBy(chosen, (r) => r.insight.kind), byPriority: countBy(chosen, (r) => r.insight.priority) },
  };
}
