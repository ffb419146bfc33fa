import type { Dialect } from '../../../shared/types/schema';
import { isNode, lastInChain, type AstNode } from './ast';
import { parseTemplate } from './parse';

/**
 * Caps the rows a statement returns at `rowLimit`: sets LIMIT on the select that carries the
 * statement's final ORDER BY/LIMIT (the last of a UNION chain), or lowers a larger existing
 * LIMIT, keeping any OFFSET. A LIMIT that is not a plain number (e.g. `LIMIT ALL`) is replaced.
 * Returns the root to render (the same object, edited in place).
 */
export function applyRowLimit(root: AstNode, rowLimit: number, dialect: Dialect): AstNode {
  const target = lastInChain(root);
  const parenthesised = target.parentheses === true || target.parentheses_symbol === true;
  // `… UNION (SELECT … LIMIT n)`: a LIMIT there would bind to the last branch only.
  if (target !== root && parenthesised) return wrapWithLimit(root, rowLimit, dialect);
  const limitNode = { type: 'number', value: rowLimit };
  const limit = isNode(target.limit) ? target.limit : null;
  const values = limit && Array.isArray(limit.value) ? limit.value : [];
  if (!limit || values.length === 0) {
    target.limit = { seperator: '', value: [limitNode] };
    return root;
  }
  const separator = limit.seperator;
  // MySQL/SQLite `LIMIT offset, count` keeps the count second; `LIMIT n OFFSET m` keeps it first.
  const countIndex = separator === ',' ? 1 : 0;
  if (separator === 'offset' && values.length === 1) {
    // PostgreSQL `OFFSET m` alone: add a LIMIT before it.
    target.limit = { seperator: 'offset', value: [limitNode, values[0]] };
    return root;
  }
  const current = values[countIndex];
  const isSmallerNumber = isNode(current) && current.type === 'number' && typeof current.value === 'number' && current.value <= rowLimit;
  if (!isSmallerNumber) values[countIndex] = limitNode;
  return root;
}

function wrapWithLimit(root: AstNode, rowLimit: number, dialect: Dialect): AstNode {
  const wrapper = parseTemplate(`SELECT * FROM (SELECT 1) AS limited_result LIMIT ${rowLimit}`, dialect);
  const from = wrapper.from as AstNode[];
  (from[0].expr as AstNode).ast = root;
  return wrapper;
}
