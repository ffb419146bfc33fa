/** What a significance test returns; `statistic` and `pValue` follow R's conventions (see README). */
export interface TestResult {
  test: string;
  /** Human-readable method, e.g. "Welch two-sample t-test". */
  method: string;
  /** null only when the statistic is undefined (e.g. an infinite odds ratio). */
  statistic: number | null;
  statisticName: string;
  /** Two-sided. */
  pValue: number;
  df?: number;
  effectSize: number | null;
  effectSizeName: string;
  /** 95% confidence interval of the estimate named by `ciOf`. */
  ci?: [number, number];
  ciOf?: string;
  /** The estimate in the data's own terms (mean difference, r, proportion difference…). */
  estimate?: number;
  /** Extra facts a reader may want (group means, expected counts, whether exact…). */
  details: Record<string, number | boolean | string | number[] | number[][]>;
}

export class AnalyticsInputError extends Error {
  override name = 'AnalyticsInputError';
}
