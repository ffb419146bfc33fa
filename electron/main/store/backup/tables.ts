import type { Sequelize } from 'sequelize';

export const MIGRATIONS_TABLE = 'SequelizeMeta';

/** The store's tables (without the migrations ledger), parents before children, so rows can be
 *  inserted in this order without breaking a foreign key. */
export async function tablesInDependencyOrder(sequelize: Sequelize): Promise<string[]> {
  const queryInterface = sequelize.getQueryInterface();
  const listed = (await queryInterface.showAllTables()) as Array<string | { tableName: string }>;
  const tables = listed.map((t) => (typeof t === 'string' ? t : t.tableName)).filter((t) => t !== MIGRATIONS_TABLE && !t.startsWith('sqlite_'));
  const parents = new Map<string, Set<string>>();
  for (const table of tables) {
    const references = (await queryInterface.getForeignKeyReferencesForTable(table)) as Array<{ referencedTableName?: string }>;
    parents.set(table, new Set(references.map((r) => r.referencedTableName).filter((p): p is string => Boolean(p) && p !== table && tables.includes(p!))));
  }
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const parent of [...(parents.get(table) ?? [])].sort()) visit(parent, path);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, new Set());
  return ordered;
}

export function quoteIdent(sequelize: Sequelize, name: string): string {
  return sequelize.getQueryInterface().quoteIdentifier(name);
}
