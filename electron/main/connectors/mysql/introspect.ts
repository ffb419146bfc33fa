import type mysql from 'mysql2';
import type { ForeignKey, SchemaInfo, TableInfo } from '../../../../shared/types/schema';
import { qualifiedName } from '../dialects';
import { buildSchemaInfo } from '../schema/build';
import { kindFromTypeName } from '../schema/kinds';
import { run } from './session';

const COLUMNS_SQL = `
SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_KEY, t.TABLE_ROWS
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = DATABASE()
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

const FOREIGN_KEYS_SQL = `
SELECT k.CONSTRAINT_NAME, k.TABLE_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE k
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

const EXACT_COUNT_BELOW = 100_000;

type ColumnRow = [table: string, column: string, type: string, nullable: string, key: string, rows: string | number | null];
type ForeignKeyRow = [constraint: string, table: string, column: string, target: string, targetColumn: string];

/** Reads the connection's current database (must run inside the read-only session). */
export async function introspectMysql(
  connection: mysql.PoolConnection,
  options: { database?: string; signal?: AbortSignal; distinctValueCap?: number },
): Promise<SchemaInfo> {
  const [[database]] = (await run(connection, 'SELECT DATABASE()')) as [[string | null]];
  const schema = options.database ?? database ?? undefined;
  const tables = new Map<string, TableInfo>();
  for (const [tableName, column, type, nullable, key, rows] of (await run(connection, COLUMNS_SQL)) as ColumnRow[]) {
    let table = tables.get(tableName);
    if (!table) {
      table = { name: tableName, schema, columns: [], primaryKey: [], rowCountEstimate: rows === null ? null : Number(rows) };
      tables.set(tableName, table);
    }
    const isPrimaryKey = key === 'PRI';
    if (isPrimaryKey) table.primaryKey.push(column);
    table.columns.push({ name: column, type, kind: kindFromTypeName(type), nullable: nullable === 'YES', isPrimaryKey });
  }
  // InnoDB's TABLE_ROWS is a rough, lazily refreshed estimate: small tables are counted exactly.
  for (const table of tables.values()) {
    if (table.rowCountEstimate !== null && table.rowCountEstimate >= EXACT_COUNT_BELOW) continue;
    options.signal?.throwIfAborted();
    const [[count]] = (await run(connection, `SELECT COUNT(*) FROM ${qualifiedName('mysql', table.name)}`)) as [[string | number]];
    table.rowCountEstimate = Number(count);
  }
  const declared = new Map<string, ForeignKey>();
  for (const [constraint, tableName, column, target, targetColumn] of (await run(connection, FOREIGN_KEYS_SQL)) as ForeignKeyRow[]) {
    const id = `${tableName}.${constraint}`;
    const fk = declared.get(id) ?? { fromTable: tableName, fromColumns: [], toTable: target, toColumns: [], inferred: false };
    fk.fromColumns.push(column);
    fk.toColumns.push(targetColumn);
    declared.set(id, fk);
  }
  return buildSchemaInfo({
    dialect: 'mysql',
    // Tables of the current database need no schema prefix in the value-sampling queries.
    tables: [...tables.values()],
    declaredForeignKeys: [...declared.values()],
    distinctValueCap: options.distinctValueCap,
    signal: options.signal,
    runRows: async (sql) => (await run(connection, sql)) as unknown[][],
  });
}
