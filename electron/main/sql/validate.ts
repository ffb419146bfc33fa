import type { Dialect } from '../../../shared/types/schema';
import { functionNameParts, identifierText, isNode, type AstNode } from './ast';
import { SqlGuardError } from './errors';
import { isAllowedTableFunction, isForbiddenFunction } from './forbidden-functions';
import { checkTableReference, displayName, tableNameOf } from './table-rules';
import { resolveSource, walkStatement, type Scope } from './walker';

export interface Lineage {
  /** Real tables read, as written (`schema.table` when qualified), de-duplicated, sorted. */
  tables: string[];
  /** `table.column` read (`table.*` for stars); unqualified columns over several tables are omitted. */
  columns: string[];
}

/** Statement types that must never appear anywhere in the tree. */
const NON_SELECT_TYPES = new Set([
  'insert', 'update', 'delete', 'replace', 'merge', 'create', 'drop', 'alter', 'truncate', 'rename', 'grant',
  'revoke', 'use', 'set', 'lock', 'unlock', 'call', 'exec', 'execute', 'transaction', 'load_data', 'copy',
  'explain', 'show', 'attach', 'detach', 'pragma', 'install', 'load', 'vacuum', 'declare', 'prepare',
]);

/**
 * Expression and clause node types the guard understands. Anything else is refused (fail
 * closed) so that a construct the parser learns later cannot slip through unexamined.
 */
const KNOWN_NODE_TYPES = new Set([
  'select', 'expr', 'expr_list', 'column_ref', 'default', 'star', 'binary_expr', 'unary_expr', 'function', 'aggr_func',
  'window_func', 'window', 'case', 'when', 'else', 'cast', 'extract', 'interval', 'origin', 'values', 'array',
  'number', 'bool', 'boolean', 'null', 'single_quote_string', 'double_quote_string', 'backticks_quote_string',
  'natural_string', 'hex_string', 'full_hex_string', 'bit_string', 'date', 'time', 'timestamp', 'datetime',
  'asc', 'desc', 'distinct', 'distinct on', 'all',
]);

/**
 * Checks a parsed SELECT against the allow-list (fail closed) and returns what it reads.
 * Throws SqlGuardError on any write, forbidden function/table, variable or INTO clause.
 */
export function validateSelect(root: AstNode, dialect: Dialect, allowedTables: ReadonlySet<string> | null): Lineage {
  const tables = new Set<string>();
  const columns = new Set<string>();
  walkStatement(root, dialect, {
    select: rejectWritingClauses,
    table: ({ ref }) => {
      const table = tableNameOf(ref);
      checkTableReference(table, dialect, allowedTables);
      tables.add(displayName(table));
    },
    tableFunction: (fn) => {
      const parts = functionNameParts(fn);
      const name = parts[parts.length - 1] ?? '';
      if (parts.length !== 1 || !isAllowedTableFunction(name, dialect)) {
        throw new SqlGuardError('SQL_FORBIDDEN_FUNCTION', `The table function ${parts.join('.') || 'call'}() in FROM is not allowed: it can read files or other databases. Query the source's tables instead.`);
      }
    },
    node: (node, scope) => {
      checkNode(node, dialect);
      if (node.type === 'column_ref') recordColumn(node, scope, columns);
    },
  });
  return { tables: [...tables].sort(), columns: [...columns].sort() };
}

function rejectWritingClauses(select: AstNode): void {
  const into = select.into;
  if (isNode(into) && (into.expr || into.keyword || into.type)) {
    throw new SqlGuardError('SQL_WRITE', 'SELECT … INTO (tables, variables or files such as OUTFILE/DUMPFILE) writes data and is not allowed. Remove the INTO clause.');
  }
  if (select.locking_read || select.for_update) {
    throw new SqlGuardError('SQL_WRITE', 'Locking reads (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) are not allowed. Remove the locking clause.');
  }
}

function checkNode(node: AstNode, dialect: Dialect): void {
  const type = typeof node.type === 'string' ? node.type.toLowerCase() : null;
  if (type && NON_SELECT_TYPES.has(type)) {
    throw new SqlGuardError('SQL_WRITE', `A ${type.toUpperCase()} statement is nested in the query. Only SELECT can run.`);
  }
  if (type === 'var' || type === 'param') {
    throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', 'Variables and parameters (@var, @@setting, $1, :name) are not allowed in queries. Write the values directly.');
  }
  if (type === 'binary_expr' && isNode(node.right) && node.right.type === 'default' && /^distinct\s+from\b/i.test(String(node.right.value))) {
    // The parser keeps the right side as text and renders a literal 'x' as the name "x".
    throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', 'IS DISTINCT FROM cannot be checked reliably. Write it as (a <> b OR (a IS NULL) <> (b IS NULL)), or COALESCE both sides.');
  }
  if (type !== null && !KNOWN_NODE_TYPES.has(type)) {
    throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', `The query uses a construct the guard does not accept (${type}). Rewrite it with plain SELECT syntax.`);
  }
  if (type === 'function' || type === 'aggr_func' || type === 'window_func' || ('name' in node && ('args' in node || 'over' in node))) {
    const parts = functionNameParts(node);
    const name = parts[parts.length - 1] ?? '';
    if (parts.length > 1) {
      throw new SqlGuardError('SQL_FORBIDDEN_FUNCTION', `Schema-qualified function calls (${parts.join('.')}) are not allowed. Call ${name}() without a prefix.`);
    }
    if (isForbiddenFunction(name, dialect)) {
      throw new SqlGuardError('SQL_FORBIDDEN_FUNCTION', `The function ${name}() is not allowed: it can read files, reach the network, run other SQL, wait, or reveal server settings. Remove it from the query.`);
    }
  }
}

function recordColumn(node: AstNode, scope: Scope, columns: Set<string>): void {
  const column = node.column === '*' ? '*' : identifierText(node.column);
  if (!column) return;
  const qualifier = typeof node.table === 'string' && node.table ? node.table : null;
  if (qualifier) {
    const table = resolveSource(scope, qualifier)?.table;
    if (table) columns.add(`${table}.${column}`);
    return;
  }
  const realTables = [...scope.sources.values()].map((s) => s.table);
  if (column === '*') {
    for (const table of realTables) if (table) columns.add(`${table}.*`);
  } else if (realTables.length === 1 && realTables[0]) {
    columns.add(`${realTables[0]}.${column}`);
  }
}
