import { AnalyticsInputError } from '../stats/types';

/** A series to analyse: at least `minimum` points, all finite numbers. */
export function validateSeries(values: readonly number[], minimum: number): void {
  if (values.length < minimum) throw new AnalyticsInputError(`The series has ${values.length} points; at least ${minimum} are needed.`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new AnalyticsInputError(`Point ${i + 1} is ${v}, not a finite number.`);
  });
}
