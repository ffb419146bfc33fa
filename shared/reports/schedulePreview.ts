import { Cron } from 'croner';

/** A schedule's expression or time zone that cannot be used, with what to write instead. */
export class ScheduleExpressionError extends Error {
  override name = 'ValidationError';
  constructor(message: string, readonly field: 'cron' | 'timezone') {
    super(message);
  }
}

const EXAMPLE = 'Use five cron fields (minute hour day-of-month month weekday), e.g. "0 8 * * 1" for Mondays at 08:00.';

/** The next `count` times an expression fires after `from`, in the given IANA time zone; empty when
 *  it never fires again. Throws ScheduleExpressionError for a bad expression or zone. The server
 *  schedules with this and the app previews with it, so both agree on every run. */
export function upcomingRuns(cron: string, timezone: string, count: number, from: Date): Date[] {
  const expression = cron.trim();
  if (!isTimeZone(timezone)) throw new ScheduleExpressionError(`"${timezone}" is not a time zone. Use an IANA name such as "UTC", "Europe/Berlin" or "America/New_York".`, 'timezone');
  const fields = expression.split(/\s+/).filter(Boolean).length;
  // Croner also reads a seconds field; a report schedule firing every few seconds is always a typo.
  if (fields !== 5) throw new ScheduleExpressionError(`"${expression}" is not a valid schedule (it has ${fields} field${fields === 1 ? '' : 's'}). ${EXAMPLE}`, 'cron');
  let job: Cron;
  try {
    job = new Cron(expression, { timezone, paused: true });
  } catch (error) {
    throw new ScheduleExpressionError(`"${expression}" is not a valid schedule (${(error as Error).message.replace(/^CronPattern:\s*/, '')}). ${EXAMPLE}`, 'cron');
  }
  return job.nextRuns(count, from);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim().length > 0;
  } catch {
    return false;
  }
}

/** A run time as people read it in the schedule's zone: "Mon 7 Dec 2026, 08:00". */
export function formatRunTime(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}
