/** What every insight builder shares: the subject (metric and scope), evidence assembly, priority. */
import type { Evidence, Insight, Priority } from '../../../../shared/api/domains/insights';
import type { Facts } from '../facts';
import { confidenceLabel } from '../facts';
import type { EvidenceQuery, MetricInfo } from '../series';

export interface Subject {
  metric: MetricInfo;
  /** Filters as words ("Europe", "Online"); empty for the whole business. */
  filters: string[];
  queries: EvidenceQuery[];
}

/** "Revenue in Europe, Online" */
export function subjectWords(subject: Subject): string {
  const name = capitalize(subject.metric.name);
  return subject.filters.length ? `${name} in ${subject.filters.join(', ')}` : name;
}

export function capitalize(text: string): string {
  return text ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}

export function lower(text: string): string {
  return text ? `${text[0].toLowerCase()}${text.slice(1)}` : text;
}

export interface EvidenceParts {
  method: string;
  inputs: string[];
  parameters: Evidence['parameters'];
  backtest?: Evidence['backtest'];
  scope: string[];
}

export function evidenceOf(subject: Subject, facts: Facts, parts: EvidenceParts): Evidence {
  return { ...parts, numbers: facts.numbers, queries: subject.queries };
}

/** Urgent: a large, confident move against the business; low: small or uncertain. */
export function priorityOf(relativeChange: number | null, confidence: number, adverse: boolean): Priority {
  const size = Math.abs(relativeChange ?? 0);
  if (confidence < 0.6 || size < 0.02) return 'low';
  if (adverse && size >= 0.1 && confidence >= 0.85) return 'urgent';
  if (size >= 0.05 && (adverse || confidence >= 0.85)) return 'high';
  return 'medium';
}

export type InsightFields = Omit<Insight, 'confidenceLabel' | 'metric'>;

export function insightOf(subject: Subject, fields: InsightFields): Insight {
  return { ...fields, metric: { name: subject.metric.name, format: subject.metric.format }, confidence: round(fields.confidence), confidenceLabel: confidenceLabel(fields.confidence) };
}

function round(x: number): number {
  return Math.round(Math.min(0.99, Math.max(0, x)) * 1000) / 1000;
}
