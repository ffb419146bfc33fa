import type pg from 'pg';
import { pgDriver } from './driver';
import type { ColumnKind } from '../../../../shared/types/schema';
import { isoDateTimeText, numberFromText } from '../values';

/** PostgreSQL type OIDs the app treats specially (pg_type.oid, stable across versions). */
const OID_KINDS: Record<number, ColumnKind> = {
  16: 'boolean',
  20: 'number', 21: 'number', 23: 'number', 26: 'number', 700: 'number', 701: 'number', 790: 'number', 1700: 'number',
  18: 'text', 19: 'text', 25: 'text', 1042: 'text', 1043: 'text', 2950: 'text',
  1082: 'date',
  1114: 'datetime', 1184: 'datetime',
};

export function kindFromOid(oid: number): ColumnKind {
  return OID_KINDS[oid] ?? 'other';
}

const TEXT_PARSERS: Record<number, (text: string) => unknown> = {
  20: numberFromText, // int8: number when safe, string beyond 2^53
  1700: numberFromText, // numeric/decimal as numbers
  1082: (text) => text, // date: keep YYYY-MM-DD, no timezone shift
  1114: isoDateTimeText, // timestamp without time zone: wall-clock ISO text
  1184: (text) => new Date(text).toISOString(), // timestamptz: an instant, in UTC
};

/** Per-pool type parsers, so the app's conversions never leak into other users of `pg`. */
export const postgresTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const parser = TEXT_PARSERS[oid];
    if (parser && format !== 'binary') return parser;
    return pgDriver().types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;
