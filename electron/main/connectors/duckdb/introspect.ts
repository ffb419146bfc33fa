import type { DuckDBConnection } from '@duckdb/node-api';
import type { SchemaInfo, TableInfo } from '../../../../shared/types/schema';
import { quoteIdentifier } from '../dialects';
import { buildSchemaInfo } from '../schema/build';
import { kindFromTypeName } from '../schema/kinds';

const COLUMNS_SQL = `
SELECT table_name, column_name, data_type, is_nullable
FROM information_schema.columns
WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position`;

/**
 * Columns of the source's views/tables. `countableTables` lists the tables whose row count is
 * cheap enough to compute exactly; the others get no estimate.
 */
export async function introspectDuckdb(
  connection: DuckDBConnection,
  options: { countableTables: Set<string>; signal?: AbortSignal; distinctValueCap?: number },
): Promise<SchemaInfo> {
  const rows = (await connection.runAndReadAll(COLUMNS_SQL)).getRows() as [string, string, string, string][];
  const tables = new Map<string, TableInfo>();
  for (const [tableName, column, type, nullable] of rows) {
    let table = tables.get(tableName);
    if (!table) {
      table = { name: tableName, columns: [], primaryKey: [], rowCountEstimate: null };
      tables.set(tableName, table);
    }
    table.columns.push({ name: column, type, kind: kindFromTypeName(type), nullable: nullable === 'YES', isPrimaryKey: false });
  }
  for (const table of tables.values()) {
    if (!options.countableTables.has(table.name)) continue;
    options.signal?.throwIfAborted();
    const [[count]] = (await connection.runAndReadAll(`SELECT count(*) FROM ${quoteIdentifier('duckdb', table.name)}`)).getRows();
    table.rowCountEstimate = Number(count);
  }
  return buildSchemaInfo({
    dialect: 'duckdb',
    tables: [...tables.values()],
    declaredForeignKeys: [],
    distinctValueCap: options.distinctValueCap,
    signal: options.signal,
    runRows: async (sql) => (await connection.runAndReadAll(sql)).getRowsJson() as unknown[][],
  });
}
