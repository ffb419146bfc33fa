import type { ForeignKey, SchemaInfo, TableInfo } from '../../../../shared/types/schema';
import { quoteIdentifier } from '../dialects';
import { buildSchemaInfo } from '../schema/build';
import { kindFromTypeName } from '../schema/kinds';

interface TableInfoRow { name: string; type: string; notnull: number; pk: number }
interface ForeignKeyRow { id: number; seq: number; table: string; from: string; to: string | null }

/** Reads from an open SQLite database (in the query worker). */
export interface SqliteReader {
  pluck(sql: string): Promise<unknown[]>;
  raw(sql: string): Promise<unknown[][]>;
  objects<T>(sql: string): Promise<T[]>;
}

export async function introspectSqlite(db: SqliteReader, options: { signal?: AbortSignal; distinctValueCap?: number }): Promise<SchemaInfo> {
  const names = (await db.pluck(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`)) as string[];
  const tables: TableInfo[] = [];
  const declaredForeignKeys: ForeignKey[] = [];
  for (const name of names) {
    options.signal?.throwIfAborted();
    const quoted = quoteIdentifier('sqlite', name);
    const columnRows = await db.objects<TableInfoRow>(`PRAGMA table_info(${quoted})`);
    const primaryKey = columnRows.filter((row) => row.pk > 0).sort((a, b) => a.pk - b.pk).map((row) => row.name);
    tables.push({
      name,
      columns: columnRows.map((row) => ({
        name: row.name,
        type: row.type,
        kind: kindFromTypeName(row.type),
        nullable: row.notnull === 0 && row.pk === 0,
        isPrimaryKey: row.pk > 0,
      })),
      primaryKey,
      rowCountEstimate: Number((await db.pluck(`SELECT count(*) FROM ${quoted}`))[0]),
    });
    declaredForeignKeys.push(...groupForeignKeys(name, await db.objects<ForeignKeyRow>(`PRAGMA foreign_key_list(${quoted})`)));
  }
  resolveImplicitTargetColumns(declaredForeignKeys, tables);
  return buildSchemaInfo({
    dialect: 'sqlite',
    tables,
    declaredForeignKeys,
    distinctValueCap: options.distinctValueCap,
    signal: options.signal,
    runRows: (sql) => db.raw(sql),
  });
}

function groupForeignKeys(fromTable: string, rows: ForeignKeyRow[]): ForeignKey[] {
  const byId = new Map<number, ForeignKeyRow[]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  return [...byId.values()].map((parts) => {
    const ordered = parts.sort((a, b) => a.seq - b.seq);
    return {
      fromTable,
      fromColumns: ordered.map((part) => part.from),
      toTable: ordered[0].table,
      toColumns: ordered.map((part) => part.to ?? ''),
      inferred: false,
    };
  });
}

/** `REFERENCES customers` without columns points at the target's primary key. */
function resolveImplicitTargetColumns(foreignKeys: ForeignKey[], tables: TableInfo[]): void {
  for (const fk of foreignKeys) {
    if (fk.toColumns.every((column) => column !== '')) continue;
    const target = tables.find((table) => table.name === fk.toTable);
    if (target) fk.toColumns = [...target.primaryKey];
  }
}
