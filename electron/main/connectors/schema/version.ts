import { createHash } from 'node:crypto';
import type { ForeignKey, TableInfo } from '../../../../shared/types/schema';

/**
 * Stable hash of a schema's structure: table and column names, types, nullability and keys.
 * Row counts and distinct values are left out so the version only moves when the structure does.
 */
export function schemaVersion(tables: TableInfo[], foreignKeys: ForeignKey[]): string {
  const structure = {
    tables: [...tables]
      .map((table) => ({
        name: `${table.schema ?? ''}.${table.name}`,
        columns: table.columns.map((column) => [column.name, column.type, column.nullable, column.isPrimaryKey]),
        primaryKey: table.primaryKey,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: foreignKeys
      .map((fk) => `${fk.fromTable}(${fk.fromColumns.join(',')})->${fk.toTable}(${fk.toColumns.join(',')})`)
      .sort(),
  };
  return createHash('sha256').update(JSON.stringify(structure)).digest('hex').slice(0, 16);
}
