/** An executive's greeting: the source's headline metrics for the latest year of data with their
 *  change against the same days a year earlier, each from guarded queries (never invented). */
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { OfflineEngine } from '../ai/offlineEngine';
import { asPlan, dataRange, PlanSql, type RunSql } from './facts';
import { latestYearLikeForLike } from './facts/periods';
import { measureWords } from './vocabulary';
import { capitalize, delta, figure } from './narrative/words';
import type { ValueFormat } from '../../../shared/charts/spec';
import { inferFormat } from '../../../shared/charts';

const HEADLINE_METRICS = 2;

export interface BriefingSource {
  schema: SchemaInfo;
  glossary?: Glossary;
}

export async function buildBriefing(source: BriefingSource, engine: OfflineEngine, run: RunSql): Promise<string[]> {
  const lines: string[] = [];
  const sql = new PlanSql(source.schema, source.glossary);
  for (const measure of measureWords(source.schema, source.glossary).filter((m) => m.timed)) {
    if (lines.length >= HEADLINE_METRICS) break;
    try {
      const answer = engine({ schema: source.schema, glossary: source.glossary, question: `total ${measure.name}` });
      const plan = asPlan(answer.plan);
      if (!plan || answer.clarification || !answer.sql) continue;
      const range = await dataRange(plan, sql, run);
      if (!range) continue;
      const { current, previous } = latestYearLikeForLike(range);
      const [now, before] = await Promise.all([run(sql.totalFor(plan, current)), run(sql.totalFor(plan, previous))]);
      const value = numberOf(now.rows[0]?.[0]);
      if (value === null) continue;
      const prior = numberOf(before.rows[0]?.[0]);
      const format = formatOf(source.glossary, measure.name, now.columns[0]?.name ?? measure.name);
      const change = delta(value, prior);
      lines.push(`${capitalize(measure.name)} ${current.label}: ${figure(value, format)}${change ? `, ${change.text} on ${previous.label}` : ''}.`);
    } catch {
      // A metric whose query fails is left out of the briefing.
    }
  }
  return lines;
}

function formatOf(glossary: Glossary | undefined, name: string, column: string): ValueFormat {
  const declared = glossary?.metrics.find((m) => m.name.toLowerCase() === name)?.format;
  if (declared === 'currency' || declared === 'integer' || declared === 'percent') return declared;
  return inferFormat(column, 'number');
}

function numberOf(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}
