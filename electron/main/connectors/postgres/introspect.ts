import type pg from 'pg';
import type { ForeignKey, SchemaInfo, TableInfo } from '../../../../shared/types/schema';
import { qualifiedName } from '../dialects';
import { buildSchemaInfo } from '../schema/build';
import { kindFromTypeName } from '../schema/kinds';

const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

const COLUMNS_SQL = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
       format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable, c.reltuples::float8 AS estimate
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND ($1::text IS NULL AND n.nspname <> ALL($2::text[]) AND n.nspname NOT LIKE 'pg_temp%' OR n.nspname = $1::text)
  AND has_table_privilege(c.oid, 'SELECT')
ORDER BY n.nspname, c.relname, a.attnum`;

const CONSTRAINTS_SQL = `
SELECT con.contype AS kind, n.nspname AS schema, c.relname AS table, fc.relname AS target,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS target_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
WHERE con.contype IN ('p', 'f')
  AND ($1::text IS NULL AND n.nspname <> ALL($2::text[]) OR n.nspname = $1::text)`;

interface ColumnRow { schema: string; table: string; column: string; type: string; nullable: boolean; estimate: number }
interface ConstraintRow { kind: 'p' | 'f'; schema: string; table: string; target: string | null; columns: string[]; target_columns: string[] }

/** Reads tables, columns, keys and estimates from the catalog (must run in a read-only session). */
export async function introspectPostgres(
  client: pg.ClientBase,
  options: { schema?: string; signal?: AbortSignal; distinctValueCap?: number },
): Promise<SchemaInfo> {
  const params = [options.schema ?? null, SYSTEM_SCHEMAS];
  const columnRows = (await client.query<ColumnRow>(COLUMNS_SQL, params)).rows;
  const constraintRows = (await client.query<ConstraintRow>(CONSTRAINTS_SQL, params)).rows;

  const tables = new Map<string, TableInfo>();
  for (const row of columnRows) {
    const key = `${row.schema}.${row.table}`;
    let table = tables.get(key);
    if (!table) {
      table = { name: row.table, schema: row.schema, columns: [], primaryKey: [], rowCountEstimate: row.estimate >= 0 ? Math.round(row.estimate) : null };
      tables.set(key, table);
    }
    table.columns.push({ name: row.column, type: row.type, kind: kindFromTypeName(row.type), nullable: row.nullable, isPrimaryKey: false });
  }

  const declaredForeignKeys: ForeignKey[] = [];
  for (const row of constraintRows) {
    const table = tables.get(`${row.schema}.${row.table}`);
    if (!table) continue;
    if (row.kind === 'p') {
      table.primaryKey = row.columns;
      for (const column of table.columns) column.isPrimaryKey = row.columns.includes(column.name);
    } else if (row.target) {
      declaredForeignKeys.push({ fromTable: row.table, fromColumns: row.columns, toTable: row.target, toColumns: row.target_columns, inferred: false });
    }
  }

  // Never-analysed tables report -1 tuples; count those exactly (bounded by statement_timeout).
  for (const table of tables.values()) {
    if (table.rowCountEstimate !== null) continue;
    options.signal?.throwIfAborted();
    const counted = await client.query<{ count: number }>(`SELECT count(*) AS count FROM ${qualifiedName('postgres', table.name, table.schema)}`);
    table.rowCountEstimate = Number(counted.rows[0].count);
  }

  return buildSchemaInfo({
    dialect: 'postgres',
    tables: [...tables.values()],
    declaredForeignKeys,
    distinctValueCap: options.distinctValueCap,
    signal: options.signal,
    runRows: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][],
  });
}
