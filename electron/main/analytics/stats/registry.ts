// Significance tests as plug-ins: each declares the input it takes, validates it and runs.
import { chiSquare, fisherExact } from './tests/contingency';
import { pearson, spearman } from './tests/correlation';
import { mannWhitney } from './tests/mannWhitney';
import { twoProportions } from './tests/proportions';
import { welchT } from './tests/welchT';
import { AnalyticsInputError, type TestResult } from './types';

export type TestInput = 'two_samples' | 'paired' | 'binary_samples' | 'table' | 'table_2x2';

export interface StatTest {
  label: string;
  input: TestInput;
  /** The smallest group (or table total) the test accepts. */
  minimum: number;
  run(spec: { a?: number[]; b?: number[]; table?: number[][] }): TestResult;
}

const samples = (run: (a: number[], b: number[]) => TestResult) => (spec: { a?: number[]; b?: number[] }) => run(spec.a!, spec.b!);
const tabled = (run: (t: number[][]) => TestResult) => (spec: { table?: number[][] }) => run(spec.table!);

export const STAT_TESTS = {
  welch_t: { label: "Welch's t-test", input: 'two_samples', minimum: 2, run: samples(welchT) },
  mann_whitney: { label: 'Mann-Whitney U test', input: 'two_samples', minimum: 1, run: samples(mannWhitney) },
  chi_square: { label: 'Chi-square test of independence', input: 'table', minimum: 1, run: tabled(chiSquare) },
  fisher_exact: { label: "Fisher's exact test", input: 'table_2x2', minimum: 1, run: tabled(fisherExact) },
  two_proportions: { label: 'Two-proportion z-test', input: 'binary_samples', minimum: 1, run: samples(twoProportions) },
  pearson: { label: 'Pearson correlation', input: 'paired', minimum: 3, run: samples(pearson) },
  spearman: { label: 'Spearman correlation', input: 'paired', minimum: 3, run: samples(spearman) },
} as const satisfies Record<string, StatTest>;

export type StatTestName = keyof typeof STAT_TESTS;

export interface TestSpec {
  test: StatTestName;
  a?: number[];
  b?: number[];
  table?: number[][];
}

export function isStatTestName(name: string): name is StatTestName {
  return Object.hasOwn(STAT_TESTS, name);
}

function checkNumbers(name: string, values: unknown, minimum: number): number[] {
  if (!Array.isArray(values)) throw new AnalyticsInputError(`"${name}" must be an array of numbers.`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new AnalyticsInputError(`"${name}"[${i}] is ${JSON.stringify(v)}, not a finite number.`);
  });
  if (values.length < minimum) throw new AnalyticsInputError(`"${name}" needs at least ${minimum} values (got ${values.length}).`);
  return values as number[];
}

function checkTable(table: unknown, only2x2: boolean): number[][] {
  if (!Array.isArray(table) || table.length < 2) throw new AnalyticsInputError('"table" must be an array of at least two rows of counts.');
  const width = Array.isArray(table[0]) ? table[0].length : 0;
  table.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== width || width < 2) throw new AnalyticsInputError(`"table" row ${i + 1} must have ${Math.max(width, 2)} counts, like the first row.`);
    row.forEach((v: unknown, j) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new AnalyticsInputError(`"table"[${i}][${j}] is ${JSON.stringify(v)}; counts must be whole numbers ≥ 0.`);
    });
  });
  const rows = table as number[][];
  if (only2x2 && (rows.length !== 2 || width !== 2)) throw new AnalyticsInputError(`Fisher's exact test takes a 2×2 table (got ${rows.length}×${width}); use "chi_square" for larger tables.`);
  if (rows.some((r) => r.every((v) => v === 0)) || rows[0].some((_, j) => rows.every((r) => r[j] === 0))) {
    throw new AnalyticsInputError('"table" has a row or column of zeros; drop it, the test needs every row and column to have counts.');
  }
  return rows;
}

/** Validates the spec for its test and runs it. */
export function runTest(spec: TestSpec): TestResult {
  if (!spec || typeof spec.test !== 'string' || !isStatTestName(spec.test)) {
    throw new AnalyticsInputError(`"test" must be one of ${Object.keys(STAT_TESTS).join(', ')} (got ${JSON.stringify(spec?.test)}).`);
  }
  const test: StatTest = STAT_TESTS[spec.test];
  if (test.input === 'table' || test.input === 'table_2x2') return test.run({ table: checkTable(spec.table, test.input === 'table_2x2') });
  const a = checkNumbers('a', spec.a, test.minimum);
  const b = checkNumbers('b', spec.b, test.minimum);
  if (test.input === 'paired' && a.length !== b.length) throw new AnalyticsInputError(`"a" and "b" are paired and must have the same length (got ${a.length} and ${b.length}).`);
  if (test.input === 'binary_samples') {
    [a, b].forEach((xs, k) => xs.forEach((v, i) => {
      if (v !== 0 && v !== 1) throw new AnalyticsInputError(`"${k ? 'b' : 'a'}"[${i}] is ${v}; two_proportions takes outcomes as 0 or 1.`);
    }));
  }
  const constant = (xs: number[]) => xs.every((v) => v === xs[0]);
  if (test.input === 'paired') {
    const flat = constant(a) ? 'a' : constant(b) ? 'b' : null;
    if (flat) throw new AnalyticsInputError(`All values of "${flat}" are equal; a correlation needs values that vary.`);
  }
  if (spec.test === 'welch_t' && constant(a) && constant(b)) throw new AnalyticsInputError('Both groups have no variation, so the t statistic is undefined; compare the values directly.');
  return test.run({ a, b });
}
