// Many segments tested at once: each segment against all the others, p-values adjusted by
// Benjamini-Hochberg so the share of false discoveries stays at the chosen rate.
import { mean } from './descriptive';
import { benjaminiHochberg } from './multipleTesting';
import { mannWhitney } from './tests/mannWhitney';
import { welchT } from './tests/welchT';
import { AnalyticsInputError, type TestResult } from './types';

export interface SegmentSample {
  name: string;
  values: readonly number[];
}

export interface SegmentComparison {
  name: string;
  n: number;
  mean: number;
  restMean: number;
  result: TestResult;
  /** Benjamini-Hochberg adjusted p-value. */
  adjustedP: number;
  significant: boolean;
}

export function compareSegments(
  segments: readonly SegmentSample[],
  options: { test?: 'welch_t' | 'mann_whitney'; falseDiscoveryRate?: number } = {},
): SegmentComparison[] {
  const rate = options.falseDiscoveryRate ?? 0.05;
  const usable = segments.filter((s) => s.values.length >= 2);
  if (usable.length < 2) throw new AnalyticsInputError('Comparing segments needs at least two segments with two or more values each.');
  const run = options.test === 'mann_whitney' ? mannWhitney : welchT;
  const rows = usable.map((segment) => {
    const rest = usable.filter((s) => s !== segment).flatMap((s) => [...s.values]);
    return { name: segment.name, n: segment.values.length, mean: mean(segment.values), restMean: mean(rest), result: run(segment.values, rest) };
  });
  const adjusted = benjaminiHochberg(rows.map((r) => (Number.isFinite(r.result.pValue) ? r.result.pValue : 1)));
  return rows
    .map((r, i) => ({ ...r, adjustedP: adjusted[i], significant: adjusted[i] <= rate }))
    .sort((a, b) => a.adjustedP - b.adjustedP || a.name.localeCompare(b.name));
}
