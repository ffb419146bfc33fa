import type { ForeignKey, TableInfo } from '../../../../shared/types/schema';

/** Candidate table names a `<stem>_id` column may point at: `customer` → customers, customer, customeres… */
function candidateTableNames(stem: string): string[] {
  const plurals = stem.endsWith('y') ? [`${stem.slice(0, -1)}ies`] : stem.endsWith('s') ? [`${stem}es`] : [];
  return [`${stem}s`, stem, ...plurals];
}

/** The column a `<stem>_id` reference points at: the table's single-column primary key, or —
 *  for sources without declared keys (files, APIs) — a column of the same name, or `id`. */
function referencedKey(target: TableInfo, column: string): string | null {
  if (target.primaryKey.length === 1) return target.primaryKey[0];
  if (target.primaryKey.length > 1) return null;
  const same = target.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
  const id = target.columns.find((c) => c.name.toLowerCase() === 'id');
  return (same ?? id)?.name ?? null;
}

/**
 * Foreign keys guessed from naming (`customer_id` → `customers`/`customer`), for sources that
 * declare none. A column is linked only when exactly one table matches and it has a key to match.
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
        .filter((target): target is TableInfo => !!target && target !== table && referencedKey(target, column.name) !== null);
      const unique = [...new Set(targets)];
      if (unique.length !== 1) continue;
      const key = referencedKey(unique[0], column.name) as string;
      inferred.push({ fromTable: table.name, fromColumns: [column.name], toTable: unique[0].name, toColumns: [key], inferred: true });
    }
  }
  return inferred;
}
