import { describe, expect, it } from 'vitest';
import { extractLineage, guardSql, sqlHash, SqlGuardError, type GuardOptions } from './guard';

const allowedTables = new Set(['orders', 'customers', 'products']);
const pg = (sql: string, extra: Partial<GuardOptions> = {}) => guardSql(sql, { dialect: 'postgres', rowLimit: 100, allowedTables, ...extra });
const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof SqlGuardError) return error.code;
    throw error;
  }
  return 'ACCEPTED';
};

describe('row limit', () => {
  it('injects LIMIT when there is none, in each dialect', () => {
    expect(pg('SELECT id FROM orders').sql).toBe('SELECT id FROM "orders" LIMIT 100');
    expect(guardSql('SELECT id FROM orders', { dialect: 'mysql', rowLimit: 7 }).sql).toBe('SELECT `id` FROM `orders` LIMIT 7');
    expect(guardSql('SELECT id FROM orders', { dialect: 'sqlite', rowLimit: 7 }).sql).toBe('SELECT "id" FROM "orders" LIMIT 7');
    expect(guardSql('SELECT id FROM orders', { dialect: 'duckdb', rowLimit: 7 }).sql).toBe('SELECT id FROM "orders" LIMIT 7');
  });

  it('clamps a larger LIMIT, keeps a smaller one and keeps OFFSET', () => {
    expect(pg('SELECT id FROM orders LIMIT 5000').sql).toMatch(/LIMIT 100$/);
    expect(pg('SELECT id FROM orders LIMIT 5').sql).toMatch(/LIMIT 5$/);
    expect(pg('SELECT id FROM orders LIMIT 5000 OFFSET 20').sql).toMatch(/LIMIT 100 OFFSET 20$/);
    expect(pg('SELECT id FROM orders OFFSET 20').sql).toMatch(/LIMIT 100 OFFSET 20$/);
    expect(pg('SELECT id FROM orders LIMIT ALL').sql).toMatch(/LIMIT 100$/);
    expect(guardSql('SELECT id FROM orders LIMIT 10, 5000', { dialect: 'mysql', rowLimit: 50 }).sql).toMatch(/LIMIT 10, 50$/);
  });

  it('limits a whole UNION, not only its last branch', () => {
    expect(pg('SELECT id FROM orders UNION SELECT id FROM customers ORDER BY 1').sql).toBe(
      'SELECT id FROM "orders" UNION SELECT id FROM "customers" ORDER BY 1 ASC LIMIT 100',
    );
  });

  it('wraps a UNION whose last branch is parenthesised, so the limit covers every branch', () => {
    expect(pg('(SELECT id FROM orders) UNION (SELECT id FROM customers)').sql).toBe(
      'SELECT * FROM ((SELECT id FROM "orders") UNION (SELECT id FROM "customers")) AS "limited_result" LIMIT 100',
    );
  });

  it('rejects a row limit that is not a positive whole number', () => {
    for (const rowLimit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codeOf(() => pg('SELECT 1', { rowLimit }))).toBe('SQL_INVALID_OPTIONS');
    }
  });
});

describe('allow-list and CTE scoping', () => {
  it('refuses tables outside the allow-list wherever they appear', () => {
    expect(codeOf(() => pg('SELECT * FROM orders WHERE id IN (SELECT id FROM secrets)'))).toBe('SQL_FORBIDDEN_TABLE');
    expect(codeOf(() => pg('SELECT (SELECT max(id) FROM secrets) FROM orders'))).toBe('SQL_FORBIDDEN_TABLE');
    expect(codeOf(() => pg('SELECT * FROM orders o JOIN secrets s ON s.id = o.id'))).toBe('SQL_FORBIDDEN_TABLE');
  });

  it('does not let a CTE name hide a real table it reads', () => {
    expect(codeOf(() => pg('WITH secrets AS (SELECT * FROM secrets) SELECT * FROM secrets'))).toBe('SQL_FORBIDDEN_TABLE');
    expect(codeOf(() => pg('SELECT * FROM (WITH secrets AS (SELECT 1) SELECT * FROM secrets) a, secrets'))).toBe('SQL_FORBIDDEN_TABLE');
    // PostgreSQL folds unquoted names: "Secrets" (quoted) is not the table secrets.
    expect(codeOf(() => pg('WITH "Secrets" AS (SELECT 1) SELECT * FROM secrets'))).toBe('SQL_FORBIDDEN_TABLE');
    expect(codeOf(() => guardSql('WITH Secrets AS (SELECT 1) SELECT * FROM secrets', { dialect: 'mysql', rowLimit: 5, allowedTables }))).toBe('SQL_FORBIDDEN_TABLE');
  });

  it('accepts CTEs, including recursive ones and names in different case where the dialect folds them', () => {
    expect(codeOf(() => pg('WITH Totals AS (SELECT 1 AS x) SELECT * FROM TOTALS'))).toBe('ACCEPTED');
    expect(codeOf(() => pg('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n'))).toBe('ACCEPTED');
  });

  it('matches allowed names case-insensitively and via the default schema', () => {
    expect(codeOf(() => guardSql('SELECT * FROM ORDERS', { dialect: 'sqlite', rowLimit: 5, allowedTables }))).toBe('ACCEPTED');
    expect(codeOf(() => pg('SELECT * FROM public.orders'))).toBe('ACCEPTED');
    expect(codeOf(() => pg('SELECT * FROM other.orders'))).toBe('SQL_FORBIDDEN_TABLE');
    expect(codeOf(() => pg('SELECT * FROM "ORDERS"'))).toBe('ACCEPTED');
  });

  it('still refuses system catalogs when every table is allowed', () => {
    const open = (sql: string, dialect: GuardOptions['dialect']) => codeOf(() => guardSql(sql, { dialect, rowLimit: 5, allowedTables: null }));
    expect(open('SELECT * FROM pg_catalog.pg_authid', 'postgres')).toBe('SQL_FORBIDDEN_TABLE');
    expect(open('SELECT * FROM pg_shadow', 'postgres')).toBe('SQL_FORBIDDEN_TABLE');
    expect(open('SELECT * FROM mysql.user', 'mysql')).toBe('SQL_FORBIDDEN_TABLE');
    expect(open('SELECT * FROM sqlite_master', 'sqlite')).toBe('SQL_FORBIDDEN_TABLE');
    expect(open('SELECT * FROM "/etc/passwd"', 'duckdb')).toBe('SQL_FORBIDDEN_TABLE');
    expect(open('SELECT * FROM anything', 'duckdb')).toBe('ACCEPTED');
  });

  it('lets an admin explicitly allow a catalog table', () => {
    const sql = 'SELECT table_name FROM information_schema.tables';
    expect(codeOf(() => guardSql(sql, { dialect: 'postgres', rowLimit: 5, allowedTables: new Set(['information_schema.tables']) }))).toBe('ACCEPTED');
  });
});

describe('row policies', () => {
  const euOnly = [{ table: 'orders', column: 'region', op: '=' as const, value: 'EU' }];

  it('replaces each reference by a filtered derived table under the same alias', () => {
    expect(pg('SELECT o.id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id', { rowPolicies: euOnly }).sql).toBe(
      'SELECT "o".id FROM (SELECT * FROM "orders" WHERE "region" = \'EU\') AS "o" LEFT JOIN "customers" AS "c" ON "c".id = "o".customer_id LIMIT 100',
    );
  });

  it('restricts references inside CTEs, subqueries and both sides of a self-join', () => {
    const sql = pg('WITH x AS (SELECT * FROM orders) SELECT a.id FROM x a JOIN orders b ON a.id = b.id WHERE b.id IN (SELECT id FROM orders)', { rowPolicies: euOnly }).sql;
    expect(sql.match(/\(SELECT \* FROM "orders" WHERE "region" = 'EU'\)/g)).toHaveLength(3);
    expect(sql).not.toMatch(/FROM "orders"(?! WHERE)/);
  });

  it('combines several policies with AND and renders IN lists and escaped quotes', () => {
    const sql = pg('SELECT id FROM orders', {
      rowPolicies: [
        { table: 'ORDERS', column: 'region', op: 'in', value: ['EU', "O'Brien"] },
        { table: 'orders', column: 'tenant_id', op: '=', value: 42 },
      ],
    }).sql;
    expect(sql).toBe('SELECT id FROM (SELECT * FROM "orders" WHERE "region" IN (\'EU\', \'O\'\'Brien\') AND "tenant_id" = 42) AS "orders" LIMIT 100');
  });

  it('rejects malformed policies instead of ignoring them', () => {
    const bad = [
      { table: 'orders', column: 'region', op: 'in', value: [] },
      { table: 'orders', column: 'region"; --', op: '=', value: 'EU' },
      { table: 'orders', column: 'region', op: 'like', value: 'EU' },
      { table: 'orders', column: 'region', op: '=', value: 'E\\U' },
      { table: 'orders', column: 'region', op: '=', value: Number.NaN },
    ];
    for (const policy of bad) {
      expect(codeOf(() => pg('SELECT 1', { rowPolicies: [policy as never] })), JSON.stringify(policy)).toBe('SQL_INVALID_OPTIONS');
    }
  });
});

describe('lineage', () => {
  it('reports tables and table.column read, resolving aliases through joins and CTEs', () => {
    const result = pg('WITH t AS (SELECT customer_id, amount FROM orders) SELECT c.name, SUM(t.amount) FROM t JOIN customers c ON c.id = t.customer_id GROUP BY c.name');
    expect(result.tables).toEqual(['customers', 'orders']);
    expect(result.columns).toEqual(['customers.id', 'customers.name', 'orders.amount', 'orders.customer_id']);
  });

  it('reports stars and is available without rewriting via extractLineage', () => {
    expect(extractLineage('SELECT * FROM products', 'sqlite')).toEqual({ tables: ['products'], columns: ['products.*'] });
  });
});

describe('refusals', () => {
  it.each([
    ['SELECT 1; SELECT 2', 'SQL_MULTIPLE_STATEMENTS'],
    ['DELETE FROM orders', 'SQL_WRITE'],
    ['EXPLAIN SELECT 1', 'SQL_NOT_SELECT'],
    ['SELECT pg_sleep(1)', 'SQL_FORBIDDEN_FUNCTION'],
    ['SELECT pg_catalog.lower(\'A\')', 'SQL_FORBIDDEN_FUNCTION'],
    ['SELECT * INTO copy FROM orders', 'SQL_WRITE'],
    ['SELECT * FROM orders FOR UPDATE', 'SQL_WRITE'],
    ['SELEC 1', 'SQL_NOT_SELECT'],
    ['SELECT * FROM orders WHERE', 'SQL_PARSE_ERROR'],
    ['', 'SQL_EMPTY'],
    ['SELECT 1 FROM orders\u200B', 'SQL_INVALID_CHARACTERS'],
    ["SELECT 'a\\' FROM orders", 'SQL_FORBIDDEN_SYNTAX'],
  ])('%j → %s', (sql, code) => {
    expect(codeOf(() => pg(sql))).toBe(code);
  });

  it('accepts fullwidth look-alike letters only after folding them to what the server would see', () => {
    expect(pg('ＳＥＬＥＣＴ id FROM orders').sql).toBe('SELECT id FROM "orders" LIMIT 100');
    expect(codeOf(() => pg('SELECT ｐｇ_ｓｌｅｅｐ(1)'))).toBe('SQL_FORBIDDEN_FUNCTION');
  });

  it('keeps invisible characters and bidi controls that are inside string literals', () => {
    expect(pg("SELECT id FROM orders WHERE status = 'a\u200Bb\u202E'").sql).toContain("'a\u200Bb\u202E'");
  });

  it('stops a parse that backtracks exponentially (invalid SQL in deep parentheses) instead of hanging or crashing', () => {
    const pathological = `SELECT ${'CAST(('.repeat(10)}1 +${') AS int)'.repeat(10)} FROM orders`;
    expect(codeOf(() => pg(pathological))).toBe('SQL_TOO_COMPLEX');
    expect(pg('SELECT id FROM orders').sql).toBe('SELECT id FROM "orders" LIMIT 100'); // the guard keeps working
    const deepButValid = `SELECT ${'CAST(('.repeat(10)}1${') AS int)'.repeat(10)} FROM orders`;
    expect(codeOf(() => pg(deepButValid))).toBe('ACCEPTED');
  });

  it('rejects unknown dialects and oversized input with guidance', () => {
    expect(codeOf(() => guardSql('SELECT 1', { dialect: 'oracle' as never, rowLimit: 5 }))).toBe('SQL_INVALID_OPTIONS');
    expect(codeOf(() => pg(`SELECT ${'1 + '.repeat(30_000)}1`))).toBe('SQL_TOO_LONG');
  });
});

describe('sqlHash', () => {
  it('ignores whitespace and keyword case but not literal contents', () => {
    expect(sqlHash('SELECT  id\nFROM orders;')).toBe(sqlHash('select id from orders'));
    expect(sqlHash("SELECT 'EU'")).not.toBe(sqlHash("SELECT 'eu'"));
    expect(sqlHash('SELECT "Region" FROM t')).not.toBe(sqlHash('SELECT "region" FROM t'));
    expect(sqlHash('SELECT 1')).toMatch(/^[0-9a-f]{64}$/);
  });
});
