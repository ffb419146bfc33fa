import { DataTypes } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { writeUtcDatesDirectly } from './utcDates';

type Stringify = (date: unknown, options?: { timezone?: string }) => string;

describe('writeUtcDatesDirectly', () => {
  it('writes exactly the text Sequelize wrote for each date, in UTC and in other zones', () => {
    const type = new DataTypes.DATE() as unknown as { _stringify: Stringify };
    const dates = [new Date('2026-12-06T04:05:06.789Z'), new Date('2024-02-29T23:59:59.001Z'), new Date('1999-01-01T00:00:00.000Z'), new Date(1_700_000_000_123), new Date('0900-05-05T10:00:00.000Z')];
    const zones = ['+00:00', '+02:00', 'Europe/Paris'];
    const before = zones.map((timezone) => dates.map((date) => type._stringify(date, { timezone })));
    writeUtcDatesDirectly();
    const after = zones.map((timezone) => dates.map((date) => type._stringify(date, { timezone })));
    expect(after).toEqual(before);
    expect(after[0][0]).toBe('2026-12-06 04:05:06.789 +00:00');
  });
});
