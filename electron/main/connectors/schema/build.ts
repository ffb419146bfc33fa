import type { Dialect, ForeignKey, SchemaInfo, TableInfo } from '../../../../shared/types/schema';
import { qualifiedName, quoteIdentifier } from '../dialects';
import { inferForeignKeys } from './foreign-keys';
import { schemaVersion } from './version';

/** Runs one internal, read-only metadata statement and returns its rows as arrays. */
export type RowsRunner = (sql: string) => Promise<unknown[][]>;

export const DEFAULT_DISTINCT_VALUE_CAP = 50;
/** Distinct values are read from a bounded sample so introspecting huge tables stays cheap. */
const DISTINCT_SAMPLE_ROWS = 100_000;
const MAX_DISTINCT_VALUE_LENGTH = 200;

export interface BuildSchemaInput {
  dialect: Dialect;
  tables: TableInfo[];
  declaredForeignKeys: ForeignKey[];
  runRows: RowsRunner;
  distinctValueCap?: number;
  signal?: AbortSignal;
}

/**
 * Fills distinct values for low-cardinality text columns (columns with more than `cap`
 * distinct values in the sample get none), infers foreign keys and computes the version.
 */
export async function buildSchemaInfo(input: BuildSchemaInput): Promise<SchemaInfo> {
  const cap = input.distinctValueCap ?? DEFAULT_DISTINCT_VALUE_CAP;
  for (const table of input.tables) {
    for (const column of table.columns) {
      if (column.kind !== 'text' || cap <= 0) continue;
      input.signal?.throwIfAborted();
      const values = await sampleDistinctValues(input, table, column.name, cap);
      if (values) {
        column.distinctValues = values;
        column.distinctCount = values.length;
      }
    }
  }
  const foreignKeys = [...input.declaredForeignKeys, ...inferForeignKeys(input.tables, input.declaredForeignKeys)];
  return { dialect: input.dialect, tables: input.tables, foreignKeys, version: schemaVersion(input.tables, foreignKeys) };
}

async function sampleDistinctValues(input: BuildSchemaInput, table: TableInfo, column: string, cap: number): Promise<string[] | null> {
  const col = quoteIdentifier(input.dialect, column);
  const sql =
    `SELECT s.${col} FROM (SELECT ${col} FROM ${qualifiedName(input.dialect, table.name, table.schema)} LIMIT ${DISTINCT_SAMPLE_ROWS}) s ` +
    `WHERE s.${col} IS NOT NULL GROUP BY s.${col} ORDER BY s.${col} LIMIT ${cap + 1}`;
  const rows = await input.runRows(sql);
  if (rows.length === 0 || rows.length > cap) return null;
  const values = rows.map((row) => String(row[0]));
  return values.some((value) => value.length > MAX_DISTINCT_VALUE_LENGTH) ? null : values;
}
