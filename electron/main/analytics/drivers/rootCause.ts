// Root cause of a change between two periods: every dimension's segments ranked by their
// contribution; for ratio metrics each segment's part is split into mix and rate effects.
import { AnalyticsInputError } from '../stats/types';

export type Row = Record<string, string | number | boolean | null | undefined>;

export interface RootCauseInput {
  current: readonly Row[];
  baseline: readonly Row[];
  dimensions: readonly string[];
  /** An additive measure (summed), e.g. "revenue"… */
  measure?: string;
  /** …or a ratio of two summed measures, e.g. conversion = orders / sessions. */
  ratio?: { numerator: string; denominator: string };
}

export interface SegmentContribution {
  dimension: string;
  segment: string;
  baseline: number;
  current: number;
  /** This segment's part of the metric's change (for ratios: mix + rate effect). */
  contribution: number;
  /** contribution / total change (signed; the shares of a dimension sum to 1). */
  share: number;
  baselineRate?: number;
  currentRate?: number;
  baselineWeight?: number;
  currentWeight?: number;
  mixEffect?: number;
  rateEffect?: number;
}

export interface DimensionDrivers {
  dimension: string;
  /** How concentrated the change is in this dimension's top segment (|top share| damped by segment count). */
  score: number;
  segments: SegmentContribution[];
  /** For ratios: the change split into mix (shifts between this dimension's segments) and rate effects. */
  mixEffect?: number;
  rateEffect?: number;
}

export interface RootCauseResult {
  kind: 'additive' | 'ratio';
  baseline: number;
  current: number;
  change: number;
  changePct: number | null;
  dimensions: DimensionDrivers[];
  /** The strongest segments across all dimensions, largest |contribution| first. */
  drivers: SegmentContribution[];
  /** For ratios: mix and rate effects across the top-ranked dimension. */
  mixEffect?: number;
  rateEffect?: number;
}

function numberOf(row: Row, column: string, where: string): number {
  const v = row[column];
  if (v === null || v === undefined || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new AnalyticsInputError(`${where}: "${column}" is ${JSON.stringify(v)}, not a number.`);
  return n;
}

const label = (v: Row[string]) => (v === null || v === undefined || v === '' ? '(blank)' : String(v));

function totals(rows: readonly Row[], dimension: string | null, columns: string[], where: string) {
  const out = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = dimension === null ? '' : label(row[dimension]);
    const acc = out.get(key) ?? columns.map(() => 0);
    columns.forEach((c, k) => (acc[k] += numberOf(row, c, `${where} row ${i + 1}`)));
    out.set(key, acc);
  });
  return out;
}

function additive(input: RootCauseInput, measure: string, dimension: string, change: number): SegmentContribution[] {
  const before = totals(input.baseline, dimension, [measure], 'baseline');
  const after = totals(input.current, dimension, [measure], 'current');
  return [...new Set([...before.keys(), ...after.keys()])].map((segment) => {
    const [b, c] = [before.get(segment)?.[0] ?? 0, after.get(segment)?.[0] ?? 0];
    return { dimension, segment, baseline: b, current: c, contribution: c - b, share: change === 0 ? 0 : (c - b) / change };
  });
}

function ratio(input: RootCauseInput, num: string, den: string, dimension: string, totalsBefore: number[], totalsAfter: number[]): SegmentContribution[] {
  const before = totals(input.baseline, dimension, [num, den], 'baseline');
  const after = totals(input.current, dimension, [num, den], 'current');
  const [r0, r1] = [totalsBefore[0] / totalsBefore[1], totalsAfter[0] / totalsAfter[1]];
  const average = (r0 + r1) / 2;
  const change = r1 - r0;
  return [...new Set([...before.keys(), ...after.keys()])].map((segment) => {
    const [n0, d0] = before.get(segment) ?? [0, 0];
    const [n1, d1] = after.get(segment) ?? [0, 0];
    const [w0, w1] = [d0 / totalsBefore[1], d1 / totalsAfter[1]];
    // A segment missing from one period takes its rate from the other, so it only moves the mix.
    const rate0 = d0 ? n0 / d0 : d1 ? n1 / d1 : 0;
    const rate1 = d1 ? n1 / d1 : rate0;
    const mixEffect = (w1 - w0) * ((rate0 + rate1) / 2 - average);
    const rateEffect = (rate1 - rate0) * ((w0 + w1) / 2);
    const contribution = mixEffect + rateEffect;
    return {
      dimension, segment, baseline: rate0, current: rate1, contribution, share: change === 0 ? 0 : contribution / change,
      baselineRate: rate0, currentRate: rate1, baselineWeight: w0, currentWeight: w1, mixEffect, rateEffect,
    };
  });
}

export function rootCause(input: RootCauseInput): RootCauseResult {
  if (!input.measure === !input.ratio) throw new AnalyticsInputError('Give either "measure" (an additive metric) or "ratio" ({numerator, denominator}).');
  if (!input.dimensions.length) throw new AnalyticsInputError('Give at least one dimension to break the change down by.');
  const columns = input.ratio ? [input.ratio.numerator, input.ratio.denominator] : [input.measure!];
  const before = totals(input.baseline, null, columns, 'baseline').get('') ?? columns.map(() => 0);
  const after = totals(input.current, null, columns, 'current').get('') ?? columns.map(() => 0);
  if (input.ratio && (before[1] === 0 || after[1] === 0)) throw new AnalyticsInputError(`"${input.ratio.denominator}" sums to 0 in one period; the ratio is undefined there.`);
  const [b, c] = input.ratio ? [before[0] / before[1], after[0] / after[1]] : [before[0], after[0]];
  const change = c - b;
  const dimensions = input.dimensions.map((dimension) => {
    const segments = (input.ratio ? ratio(input, input.ratio.numerator, input.ratio.denominator, dimension, before, after) : additive(input, input.measure!, dimension, change))
      .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || x.segment.localeCompare(y.segment));
    const top = segments[0];
    const sameDirection = top && change !== 0 ? Math.max(0, top.share) : 0;
    const drivers: DimensionDrivers = { dimension, score: Math.min(1, sameDirection) / Math.sqrt(Math.max(1, Math.log2(segments.length + 1))), segments };
    if (input.ratio) {
      drivers.mixEffect = segments.reduce((s, x) => s + (x.mixEffect ?? 0), 0);
      drivers.rateEffect = segments.reduce((s, x) => s + (x.rateEffect ?? 0), 0);
    }
    return drivers;
  });
  dimensions.sort((x, y) => y.score - x.score);
  const drivers = dimensions
    .flatMap((d) => d.segments)
    .filter((s) => change === 0 || Math.sign(s.contribution) === Math.sign(change))
    .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution))
    .slice(0, 10);
  const result: RootCauseResult = { kind: input.ratio ? 'ratio' : 'additive', baseline: b, current: c, change, changePct: b === 0 ? null : (change / Math.abs(b)) * 100, dimensions, drivers };
  if (input.ratio) [result.mixEffect, result.rateEffect] = [dimensions[0]?.mixEffect ?? 0, dimensions[0]?.rateEffect ?? 0];
  return result;
}
