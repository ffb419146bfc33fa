// A series' time axis: dates (YYYY-MM-DD) or integer indexes, sorted and unique, continued into the future.
import { AnalyticsInputError } from '../stats/types';
import { detectFrequency, nextDates, parseIsoDate, type Frequency } from './time';

export interface TimeAxis {
  kind: 'date' | 'index';
  frequency: Frequency;
  /** The `count` time labels after the last one. */
  next(count: number): Array<string | number>;
}

export function timeAxis(times: readonly (string | number)[]): TimeAxis {
  if (!times.length) throw new AnalyticsInputError('The series is empty.');
  const asDates = times.every((t) => typeof t === 'string' && parseIsoDate(t) !== null);
  const asIndexes = times.every((t) => Number.isInteger(typeof t === 'number' ? t : Number(t)) && String(t).trim() !== '');
  if (!asDates && !asIndexes) {
    const bad = times.findIndex((t) => !(typeof t === 'string' && parseIsoDate(t) !== null));
    throw new AnalyticsInputError(`Time ${JSON.stringify(times[bad])} (point ${bad + 1}) is neither a YYYY-MM-DD date nor an integer index; use one kind for the whole series.`);
  }
  const keys = times.map((t) => (asDates ? parseIsoDate(String(t))! : Number(t)));
  for (let i = 1; i < keys.length; i++) {
    if (keys[i] === keys[i - 1]) throw new AnalyticsInputError(`Time ${times[i]} (point ${i + 1}) repeats the previous point; give one value per period.`);
    if (keys[i] < keys[i - 1]) throw new AnalyticsInputError(`Time ${times[i]} (point ${i + 1}) comes before the previous point ${times[i - 1]}; sort the series by time.`);
  }
  if (asDates) {
    const frequency = detectFrequency(times as string[]);
    return { kind: 'date', frequency, next: (count) => nextDates(String(times[times.length - 1]), frequency, count) };
  }
  const last = keys[keys.length - 1];
  const step = keys.length > 1 ? Math.max(1, Math.round((last - keys[0]) / (keys.length - 1))) : 1;
  return { kind: 'index', frequency: 'index', next: (count) => Array.from({ length: count }, (_, i) => last + step * (i + 1)) };
}
