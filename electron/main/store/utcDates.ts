import { DataTypes } from 'sequelize';

type Stringify = (date: unknown, options?: { timezone?: string }) => string;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** The text Sequelize writes for a date in UTC ("2026-12-06 04:05:06.789 +00:00"). */
export function utcDateText(date: Date): string {
  return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${three(date.getUTCMilliseconds())} +00:00`;
}

let installed = false;

/** Sequelize formats every date it writes through moment-timezone (a sixth of a millisecond per
 *  date, two or three dates per row): the store's dates are UTC (its default time zone), written
 *  here directly with the same text. Other time zones and unusual years keep Sequelize's path. */
export function writeUtcDatesDirectly(): void {
  if (installed) return;
  installed = true;
  const prototype = (DataTypes.DATE as unknown as { prototype: { _stringify: Stringify } }).prototype;
  const original = prototype._stringify;
  prototype._stringify = function (this: unknown, date, options) {
    if (date instanceof Date && options?.timezone === '+00:00') {
      const year = date.getUTCFullYear();
      if (year >= 1000 && year <= 9999) return utcDateText(date);
    }
    return original.call(this, date, options);
  };
}
