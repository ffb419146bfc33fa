/** Small helpers over node-sql-parser's loosely typed AST (treated as plain JSON objects). */

export type AstNode = Record<string, unknown>;

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSelect(value: unknown): value is AstNode {
  return isNode(value) && value.type === 'select';
}

/** Text of an identifier in any of the parser's shapes: `'a'`, `{value:'a'}`, `{expr:{value:'a'}}`. */
export function identifierText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!isNode(value)) return null;
  if (typeof value.value === 'string') return value.value;
  if (isNode(value.expr)) return identifierText(value.expr);
  return null;
}

/** Name parts of a function call, outermost qualifier first (`pg_catalog.pg_sleep` → 2 parts). */
export function functionNameParts(node: AstNode): string[] {
  const name = node.name;
  if (typeof name === 'string') return [name];
  if (!isNode(name)) return [];
  const parts = Array.isArray(name.name) ? name.name.map(identifierText) : [identifierText(name.name)];
  const schema = identifierText(name.schema);
  return [...(schema ? [schema] : []), ...parts].filter((p): p is string => p !== null);
}

/**
 * A subquery appears as `{ ast: select, tableList, columnList, …copy of the select }`; the
 * renderer only uses `ast`. Reduce every wrapper to `{ ast, parentheses }` so that what is
 * checked and rewritten is exactly what gets rendered.
 */
export function collapseSubqueryWrappers(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(collapseSubqueryWrappers);
    return;
  }
  if (!isNode(value)) return;
  if (isSelect(value.ast)) {
    for (const key of Object.keys(value)) {
      if (key !== 'ast' && key !== 'parentheses') delete value[key];
    }
  }
  for (const child of Object.values(value)) collapseSubqueryWrappers(child);
}

/** The select that carries the statement's final ORDER BY / LIMIT (last of a UNION chain). */
export function lastInChain(select: AstNode): AstNode {
  let current = select;
  while (isSelect(current._next)) current = current._next;
  return current;
}
