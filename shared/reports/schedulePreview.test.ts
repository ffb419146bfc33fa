import { describe, expect, it } from 'vitest';
import { formatRunTime, ScheduleExpressionError, upcomingRuns } from './schedulePreview';

const FROM = new Date('2026-03-04T12:00:00Z'); // a Wednesday

describe('upcomingRuns', () => {
  it('lists the next Monday-morning runs in the schedule’s own zone, across a daylight-saving change', () => {
    const runs = upcomingRuns('0 8 * * 1', 'Europe/Berlin', 4, FROM);
    expect(runs.map((r) => r.toISOString())).toEqual(['2026-03-09T07:00:00.000Z', '2026-03-16T07:00:00.000Z', '2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    expect(runs.map((r) => formatRunTime(r, 'Europe/Berlin'))).toEqual(['Mon 9 Mar 2026, 08:00', 'Mon 16 Mar 2026, 08:00', 'Mon 23 Mar 2026, 08:00', 'Mon 30 Mar 2026, 08:00']);
  });

  it('returns no run for an expression that never fires again', () => {
    expect(upcomingRuns('0 0 30 2 *', 'UTC', 3, FROM)).toEqual([]);
  });

  it.each([
    ['every monday please', 'UTC', 'cron', /has 3 fields.*"0 8 \* \* 1"/],
    ['61 8 * * *', 'UTC', 'cron', /minute.*five cron fields/],
    ['*/5 * * * * *', 'UTC', 'cron', /has 6 fields/],
    ['0 8 * * 1', 'Mars/Olympus', 'timezone', /not a time zone.*Europe\/Berlin/],
  ])('refuses %s in %s with a message naming the field and the fix', (cron, zone, field, message) => {
    let caught: unknown;
    try { upcomingRuns(cron, zone, 3, FROM); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(ScheduleExpressionError);
    expect((caught as ScheduleExpressionError).field).toBe(field);
    expect((caught as Error).message).toMatch(message);
  });
});
