/** Absence and presence in a question: "orders with no sales rep", "carriers not in any alliance",
 *  "books never rated", "passengers with a tier", "admissions still open", "flights on Mondays". */
import type { Token } from './linker';
import { columnOf, type SemanticModel } from './model';
import type { Filter } from './plan';
import { chooseTimeColumn } from './resolve';
import { best, type RoledMention } from './roles';
import { joinDistance } from './joins';

const PRESENCE = /\b(?:have|has|had|having|with)\s+(?:a|an|any|some|their|its)?\s*(?:[a-z]+\s+){0,2}$/;
const STILL_OPEN = /\b(still (?:open|active|ongoing|running|pending|admitted|in progress|outstanding|unpaid|unresolved|on loan|out)|ongoing|unresolved|outstanding|not (?:yet )?(?:closed|resolved|returned|finished|completed|discharged|paid|ended))\b/;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface Context { text: string; tokens: Token[]; roled: RoledMention[]; consumed: Set<RoledMention>; anchors: string[] }

const reachable = (model: SemanticModel, anchors: string[], table: string) => anchors.some((a) => joinDistance(model, a, table) < 5);

/** Null tests and "never referenced" tests the question asks for. */
export function absenceFilters(model: SemanticModel, c: Context): Filter[] {
  const out: Filter[] = [];
  const root = c.anchors[0];
  for (const r of c.roled) {
    if (c.consumed.has(r)) continue;
    const table = best(r.mention, 'table')?.target.table;
    const column = best(r.mention, 'column')?.target;
    const columnModel = column && columnOf(model, column.table, column.column);
    if (r.negated) {
      // A nullable key of the query's rows pointing at the named table.
      const fk = table && model.foreignKeys.find((f) => c.anchors.includes(f.fromTable) && f.toTable === table && f.fromColumns.length === 1 && columnOf(model, f.fromTable, f.fromColumns[0])?.nullable);
      if (fk) { c.consumed.add(r); out.push({ kind: 'null', table: fk.fromTable, column: fk.fromColumns[0], negated: false }); continue; }
      // A table that refers to the query's rows: none of its rows does ("books never rated").
      const child = table && root && table !== root ? model.foreignKeys.find((f) => f.fromTable === table && f.toTable === root && f.fromColumns.length === 1) : undefined;
      if (child) { c.consumed.add(r); out.push({ kind: 'absent', table: root!, column: child.toColumns[0], child: table!, childColumn: child.fromColumns[0] }); continue; }
      if (columnModel?.nullable && columnModel.role !== 'measure' && reachable(model, c.anchors, columnModel.table) && !best(r.mention, 'value')) {
        c.consumed.add(r);
        out.push({ kind: 'null', table: columnModel.table, column: columnModel.name, negated: false });
      }
      continue;
    }
    // "passengers with a loyalty tier": the column is filled in.
    const before = c.text.slice(Math.max(0, c.tokens[r.mention.from].start - 30), c.tokens[r.mention.from].start);
    // "guests who have Platinum status": the word names the kind of the value before it, not a filled-in column.
    const namesValueKind = c.roled.some((o) => o !== r && o.mention.to === r.mention.from && best(o.mention, 'value'));
    if (columnModel?.nullable && !r.grouped && columnModel.role !== 'measure' && columnModel.role !== 'time' && PRESENCE.test(before) && !namesValueKind && !best(r.mention, 'value') && reachable(model, c.anchors, columnModel.table)) {
      c.consumed.add(r);
      out.push({ kind: 'null', table: columnModel.table, column: columnModel.name, negated: true });
    }
  }
  const open = STILL_OPEN.exec(c.text);
  if (open && root && !out.some((f) => f.kind === 'null' && !f.negated)) {
    // The end date of a row that has not ended yet is empty.
    const main = chooseTimeColumn(model, root, []);
    const end = model.tables.get(root)?.columns.find((col) => col.role === 'time' && col.nullable && col.name !== main?.column && !col.encoding);
    const openWordIsValue = c.roled.some((r) => best(r.mention, 'value') && c.tokens[r.mention.from].start >= open.index && c.tokens[r.mention.from].start < open.index + open[0].length);
    if (end && !openWordIsValue) out.push({ kind: 'null', table: root, column: end.name, negated: false });
  }
  const days = DAYS.map((d, i) => (new RegExp(`\\b(?:on|every)\\s+(?:a\\s+)?${d}s?\\b`).test(c.text) ? i : -1)).filter((i) => i >= 0);
  if (/\bon (?:the )?weekends?\b/.test(c.text)) days.push(0, 6);
  if (days.length && root) {
    const time = chooseTimeColumn(model, root, []);
    if (time) out.push({ kind: 'weekday', table: time.table, column: time.column, days });
  }
  return out;
}
