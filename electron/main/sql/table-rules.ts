import type { Dialect } from '../../../shared/types/schema';
import type { AstNode } from './ast';
import { DIALECT_FACTS, nameKey } from './dialects';
import { SqlGuardError } from './errors';

export interface TableName {
  /** Schema (or MySQL database) qualifier as written, if any. */
  qualifier: string | null;
  name: string;
}

/** Reads `{db, schema, table}` of a FROM item; three-part names (other catalogs) are refused. */
export function tableNameOf(ref: AstNode): TableName {
  const db = typeof ref.db === 'string' && ref.db ? ref.db : null;
  const schema = typeof ref.schema === 'string' && ref.schema ? ref.schema : null;
  const name = String(ref.table);
  if (db && schema) {
    throw new SqlGuardError('SQL_FORBIDDEN_TABLE', `"${db}.${schema}.${name}" refers to another database. Query only the tables of this source.`);
  }
  return { qualifier: schema ?? db, name };
}

export function displayName(table: TableName): string {
  return table.qualifier ? `${table.qualifier}.${table.name}` : table.name;
}

const foldName = nameKey(false);

/** Prepares an allow-list for case-insensitive lookups (callers pass introspected names in any
 *  case; exact-case rules matter for CTE shadowing, which the walker handles). */
export function normaliseAllowedTables(allowed: ReadonlySet<string> | null | undefined): ReadonlySet<string> | null {
  if (allowed === null || allowed === undefined) return null;
  return new Set([...allowed].map(foldName));
}

/**
 * Refuses a table reference that could read files, system catalogs or tables outside the
 * allow-list. Names are compared case-insensitively; `schema.table` matches an allowed
 * `table` only for the dialect's default schema (e.g. `public`), and vice versa.
 */
export function checkTableReference(table: TableName, dialect: Dialect, allowed: ReadonlySet<string> | null): void {
  const facts = DIALECT_FACTS[dialect];
  const name = table.name.toLowerCase();
  const qualifier = table.qualifier?.toLowerCase() ?? null;
  const shown = displayName(table);
  if (/[./\\:*?~'"`\s]/.test(table.name) || (qualifier !== null && /[./\\:*?~'"`\s]/.test(qualifier))) {
    throw new SqlGuardError('SQL_FORBIDDEN_TABLE', `"${shown}" looks like a file path or URL, not a table. Query the source's tables by name.`);
  }
  const explicitlyAllowed = allowed !== null
    && isListed(foldName(table.name), table.qualifier === null ? null : foldName(table.qualifier), facts.defaultSchemas, allowed);
  if (explicitlyAllowed) return;
  const isSystem = (qualifier !== null && facts.systemSchemas.includes(qualifier))
    || facts.systemTablePrefixes.some((prefix) => name.startsWith(prefix));
  if (isSystem) {
    throw new SqlGuardError('SQL_FORBIDDEN_TABLE', `"${shown}" is a system catalog and cannot be queried. Ask about the source's own tables instead.`);
  }
  if (qualifier !== null && allowed === null && facts.qualifierMayNameAttachedDatabase && !facts.defaultSchemas.includes(qualifier)) {
    throw new SqlGuardError('SQL_FORBIDDEN_TABLE', `"${shown}" is in another attached database. Query only the tables of this source.`);
  }
  if (allowed !== null) {
    throw new SqlGuardError('SQL_FORBIDDEN_TABLE', `You may not read the table "${shown}" (or it does not exist). Use one of the tables listed for this source.`);
  }
}

function isListed(name: string, qualifier: string | null, defaultSchemas: readonly string[], allowed: ReadonlySet<string>): boolean {
  if (qualifier === null) return allowed.has(name) || defaultSchemas.some((schema) => allowed.has(`${schema}.${name}`));
  return allowed.has(`${qualifier}.${name}`) || (defaultSchemas.includes(qualifier) && allowed.has(name));
}
