/** Join keys for the engine: the declared foreign keys plus keys inferred where none is declared,
 *  from names (spoken form, so `sbTxAcctId` → `sbAccount.sbAcctId` and `home_team_id` → `team`),
 *  compatible types and, where both sides carry sampled values, their overlap. */
import type { ColumnInfo, ForeignKey, SchemaInfo, TableInfo } from '../../../shared/types/schema';
import { spokenName } from './lexicon';
import { editDistance, singular } from './text';

/** Words closing a column name that refers to a row of another table. */
const KEY_TAIL = /(^|_)(id|code|key|number|no|nr|uuid|ref|reference)$/;

interface Target { table: TableInfo; key: ColumnInfo; spokenKey: string; spokenTable: string }

/** The column identifying a table's rows: its declared key, else (files) `id` or a first column naming the table. */
export function keyOf(t: TableInfo, prefix?: string): ColumnInfo | undefined {
  if (t.primaryKey.length === 1) return t.columns.find((c) => c.name === t.primaryKey[0]);
  if (t.primaryKey.length > 1) return undefined;
  // Files declare no keys: `id`, else a key-like first column (`carrier_cd`, `pat_id`).
  const first = t.columns[0];
  return t.columns.find((c) => c.name.toLowerCase() === 'id') ?? (first && namesItsTable(spokenName(first.name, prefix), spokenName(t.name, prefix)) ? first : undefined);
}

/** `carrier_code` of carriers, `lab_id` of lab_results — not `admission_id` of admission_diagnosis. */
function namesItsTable(column: string, table: string): boolean {
  if (!KEY_TAIL.test(column)) return false;
  const head = column.split('_').slice(0, -1);
  const tableWords = table.split('_').map(singular);
  const same = (a: string, b: string) => a === singular(b) || editDistance(a, singular(b), 2) <= 2;
  return head.length > 0 && head.every((w) => tableWords.some((t) => same(t, w))) && same(tableWords[tableWords.length - 1], head[head.length - 1]);
}

/** A table with no key of its own whose rows pair two other tables' rows (a link table, a player's line in
 *  a game): the two references identify its rows. More references describe an event, not a pair. */
export function pairKeyOf(t: TableInfo, foreignKeys: readonly ForeignKey[]): string[] {
  const refs = [...new Set(foreignKeys.filter((f) => f.fromTable === t.name && f.toTable !== t.name && f.fromColumns.length === 1).map((f) => f.fromColumns[0]))];
  return refs.length === 2 ? refs : [];
}

const comparable = (a: ColumnInfo, b: ColumnInfo) => (a.kind === 'number') === (b.kind === 'number');

/** At least half of the referencing column's sampled values exist in the key (when both were sampled). */
function valuesOverlap(from: ColumnInfo, to: ColumnInfo): boolean {
  if (!from.distinctValues?.length || !to.distinctValues?.length) return true;
  const known = new Set(to.distinctValues);
  return from.distinctValues.filter((v) => known.has(v)).length * 2 >= from.distinctValues.length;
}

/** How well `column` names `target`'s key: 3 same name, 2 a role-prefixed name (`home_team_id`), 1 `<table>_id`. */
function nameScore(column: string, t: Target): number {
  const tableKey = `${singular(t.spokenTable.split('_').pop()!)}_${t.spokenKey.split('_').pop()}`;
  if (t.spokenKey !== 'id' && column === t.spokenKey) return 3;
  if (t.spokenKey !== 'id' && t.spokenKey.includes('_') && column.endsWith(`_${t.spokenKey}`)) return 2;
  if (column === tableKey || column.endsWith(`_${tableKey}`)) return 1;
  return 0;
}

/** Declared keys, plus one inferred key per referencing column that no declared key covers. */
export function joinKeys(schema: SchemaInfo, prefix?: string): ForeignKey[] {
  const declared = schema.foreignKeys;
  const covered = new Set(declared.flatMap((f) => f.fromColumns.map((c) => `${f.fromTable}.${c}`)));
  const targets: Target[] = schema.tables.flatMap((table) => {
    const key = keyOf(table, prefix);
    return key ? [{ table, key, spokenKey: spokenName(key.name, prefix), spokenTable: spokenName(table.name, prefix) }] : [];
  });
  const out = [...declared];
  for (const table of schema.tables) {
    const ownKey = table.primaryKey.length === 1 ? table.primaryKey[0] : targets.find((t) => t.table === table)?.key.name;
    for (const column of table.columns) {
      const spoken = spokenName(column.name, prefix);
      if (column.name === ownKey || covered.has(`${table.name}.${column.name}`) || !KEY_TAIL.test(spoken) || spoken === 'id') continue;
      const scored = targets
        .filter((t) => t.table !== table && comparable(column, t.key) && valuesOverlap(column, t.key))
        .map((t) => ({ t, score: nameScore(spoken, t) }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score);
      if (!scored.length || (scored.length > 1 && scored[1].score === scored[0].score)) continue;
      const { t } = scored[0];
      out.push({ fromTable: table.name, fromColumns: [column.name], toTable: t.table.name, toColumns: [t.key.name], inferred: true });
    }
  }
  return out;
}
