import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { duckdbApi } from './driver';
import { quoteIdentifier } from '../dialects';

/** A primitive record value as read from JSON or a spreadsheet cell. */
export type RecordValue = string | number | boolean | Date | null;

export interface RecordsTable {
  name: string;
  columns: string[];
  rows: RecordValue[][];
}

type ColumnType = 'BOOLEAN' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'VARCHAR';

const MS_PER_DAY = 86_400_000;
/** Spreadsheets store plain dates as midnight UTC. */
const isWholeDay = (value: Date) => value.getTime() % MS_PER_DAY === 0;

/** The narrowest type every non-null value of a column fits; mixed columns become text. */
function inferColumnType(rows: RecordValue[][], index: number): ColumnType {
  const seen = new Set<ColumnType>();
  for (const row of rows) {
    const value = row[index];
    if (value === null || value === undefined) continue;
    if (typeof value === 'boolean') seen.add('BOOLEAN');
    else if (typeof value === 'number') seen.add(Number.isSafeInteger(value) ? 'BIGINT' : 'DOUBLE');
    else if (value instanceof Date) seen.add(isWholeDay(value) ? 'DATE' : 'TIMESTAMP');
    else seen.add('VARCHAR');
  }
  if (seen.size === 0) return 'VARCHAR';
  if (seen.size === 1) return [...seen][0];
  if ([...seen].every((type) => type === 'BIGINT' || type === 'DOUBLE')) return 'DOUBLE';
  if ([...seen].every((type) => type === 'DATE' || type === 'TIMESTAMP')) return 'TIMESTAMP';
  return 'VARCHAR';
}

function textOf(value: Exclude<RecordValue, null>): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function appendValue(appender: DuckDBAppender, type: ColumnType, value: RecordValue): void {
  if (value === null || value === undefined) return appender.appendNull();
  switch (type) {
    case 'BOOLEAN': return appender.appendBoolean(value as boolean);
    case 'BIGINT': return appender.appendBigInt(BigInt(value as number));
    case 'DOUBLE': return appender.appendDouble(value as number);
    case 'DATE': return appender.appendDate(duckdbApi().dateValue(Math.floor((value as Date).getTime() / MS_PER_DAY)));
    case 'TIMESTAMP': return appender.appendTimestamp(duckdbApi().timestampValue(BigInt((value as Date).getTime()) * 1000n));
    case 'VARCHAR': return appender.appendVarchar(textOf(value));
  }
}

/** Creates an in-memory table holding the records (nothing is written to disk). */
export async function loadRecordsTable(connection: DuckDBConnection, table: RecordsTable): Promise<void> {
  const types = table.columns.map((_, index) => inferColumnType(table.rows, index));
  const columnList = table.columns.map((column, index) => `${quoteIdentifier('duckdb', column)} ${types[index]}`).join(', ');
  await connection.run(`CREATE TABLE ${quoteIdentifier('duckdb', table.name)} (${columnList})`);
  const appender = await connection.createAppender(table.name);
  for (const row of table.rows) {
    types.forEach((type, index) => appendValue(appender, type, row[index] ?? null));
    appender.endRow();
  }
  appender.closeSync();
}

/** Unique, SQL-friendly column names from raw headers/keys (blank → column_N, duplicates → _2). */
export function uniqueColumnNames(raw: string[]): string[] {
  const used = new Set<string>();
  return raw.map((name, index) => {
    const base = name.trim() || `column_${index + 1}`;
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base}_${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
