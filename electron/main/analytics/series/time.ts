// Time axes: detecting the frequency of dated observations and continuing the axis into the future.
import { median } from '../stats/descriptive';

export type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'index';

const DAY_MS = 86_400_000;

export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  return back.getUTCFullYear() === Number(m[1]) && back.getUTCMonth() === Number(m[2]) - 1 && back.getUTCDate() === Number(m[3]) ? ms : null;
}

export function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The frequency of sorted dates (`YYYY-MM-DD`), from the typical gap between observations. */
export function detectFrequency(dates: readonly string[]): Frequency {
  const ms = dates.map((d) => parseIsoDate(d) ?? Number.NaN);
  const gaps: number[] = [];
  for (let i = 1; i < ms.length; i++) gaps.push((ms[i] - ms[i - 1]) / DAY_MS);
  if (!gaps.length) return 'daily';
  const gap = median(gaps);
  if (gap < 4) return 'daily';
  if (gap < 10) return 'weekly';
  if (gap < 45) return 'monthly';
  if (gap < 135) return 'quarterly';
  return 'yearly';
}

function addMonths(ms: number, months: number, endOfMonth: boolean): number {
  const d = new Date(ms);
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const t = new Date(target);
  const lastDay = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), endOfMonth ? lastDay : Math.min(d.getUTCDate(), lastDay));
}

/** The `count` dates after `last`, stepping by the frequency (month ends stay month ends). */
export function nextDates(last: string, frequency: Frequency, count: number): string[] {
  const start = parseIsoDate(last);
  if (start === null) throw new Error(`"${last}" is not a YYYY-MM-DD date.`);
  const d = new Date(start);
  const endOfMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() === d.getUTCDate();
  const months = { monthly: 1, quarterly: 3, yearly: 12 } as Record<Frequency, number | undefined>;
  return Array.from({ length: count }, (_, i) => {
    const k = i + 1;
    if (frequency === 'weekly') return formatIsoDate(start + 7 * k * DAY_MS);
    const step = months[frequency];
    if (step) return formatIsoDate(addMonths(start, step * k, endOfMonth && d.getUTCDate() > 28));
    return formatIsoDate(start + k * DAY_MS);
  });
}

/** Seasonal periods worth testing for a frequency, most important first. */
export function seasonCandidates(frequency: Frequency): number[] {
  switch (frequency) {
    case 'daily':
      return [7, 365];
    case 'weekly':
      return [52];
    case 'monthly':
      return [12];
    case 'quarterly':
      return [4];
    case 'yearly':
      return [];
    case 'index':
      return [4, 7, 12, 24, 52, 168];
  }
}
