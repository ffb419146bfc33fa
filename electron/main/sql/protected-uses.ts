import { identifierText, isNode, type AstNode } from './ast';
import type { ColumnMasking } from './column-masks';

/** Clauses whose columns decide which rows come back: a protected column there works as an
 *  oracle on its values (`WHERE email LIKE 'a%'`, a join on e-mail). */
const FILTER_CLAUSES = new Set(['where', 'having', 'on']);
/** Expressions that compute on a value (`substr(email, 2)`, `email = 'x'` in the select list). */
const COMPUTING_NODES = new Set(['function', 'binary_expr', 'unary_expr', 'case', 'cast']);

/**
 * Protected columns a statement filters, joins or computes on, for a caller who may only see
 * them masked. Masking at the source already makes such uses see masked values; naming them lets
 * the attempt be audited (and alerted on). Plain display, grouping, ordering and counting of a
 * protected column are ordinary analysis and are not reported. Never throws: an unexpected AST
 * shape reports nothing.
 */
export function protectedColumnUses(ast: AstNode, tablesRead: readonly string[], masking: ColumnMasking): string[] {
  const protectedNames = new Map<string, string>();
  for (const table of tablesRead) {
    const name = table.split('.').pop() ?? table;
    for (const c of masking.tables.get(name.toLowerCase()) ?? []) {
      if (c.mask && !protectedNames.has(c.name.toLowerCase())) protectedNames.set(c.name.toLowerCase(), `${name}.${c.name}`);
    }
  }
  if (!protectedNames.size) return [];
  const found = new Set<string>();
  try {
    visit(ast, false, (column) => {
      const hit = protectedNames.get(column.toLowerCase());
      if (hit) found.add(hit);
    });
  } catch {
    return [];
  }
  return [...found].sort();
}

function visit(value: unknown, suspicious: boolean, onColumn: (column: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, suspicious, onColumn);
    return;
  }
  if (!isNode(value)) return;
  if (value.type === 'column_ref') {
    const column = identifierText(value.column);
    if (suspicious && column && column !== '*') onColumn(column);
    return;
  }
  // COUNT(email) / COUNT(DISTINCT email) counts values without revealing them.
  if (value.type === 'aggr_func' && String(value.name).toUpperCase() === 'COUNT') return;
  const computing = suspicious || COMPUTING_NODES.has(String(value.type));
  for (const [field, child] of Object.entries(value)) {
    visit(child, computing || FILTER_CLAUSES.has(field), onColumn);
  }
}
