import type { ForeignKey, TableInfo } from '../../../../shared/types/schema';

/** Candidate table names a `<stem>_id` column may point at: `customer` → customers, customer, customeres… */
function candidateTableNames(stem: string): string[] {
  const plurals = stem.endsWith('y') ? [`${stem.slice(0, -1)}ies`] : stem.endsWith('s') ? [`${stem}es`] : [];
  return [`${stem}s`, stem, ...plurals];
}

/**
 * Foreign keys guessed from naming (`customer_id` → `customers`/`customer` primary key), for
 * sources that declare none. A column is linked only when exactly one table matches and that
 * table has a single-column primary key.
 */
export function inferForeignKeys(tables: TableInfo[], declared: ForeignKey[]): ForeignKey[] {
  if (declared.length > 0) return [];
  const byName = new Map(tables.map((table) => [table.name.toLowerCase(), table]));
  const inferred: ForeignKey[] = [];
  for (const table of tables) {
    for (const column of table.columns) {
      const match = /^(.+)_id$/i.exec(column.name) ?? /^(.*[a-z])Id$/.exec(column.name);
      if (!match) continue;
      const stem = match[1].toLowerCase();
      const targets = candidateTableNames(stem)
        .map((name) => byName.get(name))
        .filter((target): target is TableInfo => !!target && target !== table && target.primaryKey.length === 1);
      const unique = [...new Set(targets)];
      if (unique.length !== 1) continue;
      inferred.push({ fromTable: table.name, fromColumns: [column.name], toTable: unique[0].name, toColumns: [...unique[0].primaryKey], inferred: true });
    }
  }
  return inferred;
}
