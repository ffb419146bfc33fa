import { describe, expect, it } from 'vitest';
import { SqlGuardError } from './errors';
import { lexSql, withoutComments } from './lexer';
import { prepareSqlText } from './text-checks';

const kinds = (sql: string, dialect: Parameters<typeof lexSql>[1]) => lexSql(sql, dialect).map((s) => `${s.kind}:${s.text}`);
const errorCode = (run: () => unknown) => {
  try {
    run();
    return 'OK';
  } catch (error) {
    return (error as SqlGuardError).code;
  }
};

describe('lexSql follows each server\'s own rules', () => {
  it('MySQL: -- is a comment only before whitespace; # starts a comment; "..." is a string', () => {
    expect(kinds('SELECT 1--1', 'mysql')).toEqual(['code:SELECT 1--1']);
    expect(kinds('SELECT 1 -- x', 'mysql')).toEqual(['code:SELECT 1 ', 'comment:-- x']);
    expect(kinds('SELECT 1 # x\n', 'mysql')).toEqual(['code:SELECT 1 ', 'comment:# x', 'code:\n']);
    expect(kinds('SELECT "a"', 'mysql')).toEqual(['code:SELECT ', 'string:"a"']);
  });

  it('PostgreSQL: nested block comments, # is an operator, "..." is a name', () => {
    expect(kinds('SELECT /* a /* b */ ; c */ 1', 'postgres')).toEqual(['code:SELECT ', 'comment:/* a /* b */ ; c */', 'code: 1']);
    expect(kinds('SELECT 1 # 2', 'postgres')).toEqual(['code:SELECT 1 # 2']);
    expect(kinds('SELECT "a"', 'postgres')).toEqual(['code:SELECT ', 'identifier:"a"']);
  });

  it('SQLite: block comments do not nest, so text after the first */ is code', () => {
    expect(withoutComments(lexSql('SELECT /* a /* b */ ; c */ 1', 'sqlite'))).toBe('SELECT   ; c */ 1');
  });

  it('keeps doubled quotes inside literals and rejects a backslash before a quote as ambiguous', () => {
    expect(kinds("SELECT 'it''s'", 'postgres')).toEqual(['code:SELECT ', "string:'it''s'"]);
    expect(errorCode(() => lexSql("SELECT 'a\\' ; DROP TABLE t; --'", 'postgres'))).toBe('SQL_FORBIDDEN_SYNTAX');
    expect(errorCode(() => lexSql("SELECT 'a\\' OR 1=1 -- '", 'mysql'))).toBe('SQL_FORBIDDEN_SYNTAX');
    expect(kinds("SELECT 'a\\\\b'", 'mysql')).toEqual(['code:SELECT ', "string:'a\\\\b'"]);
  });

  it('refuses MySQL executable comments, dollar quotes and unterminated tokens', () => {
    expect(errorCode(() => lexSql('SELECT 1 /*!50000 UNION SELECT 2 */', 'mysql'))).toBe('SQL_FORBIDDEN_SYNTAX');
    expect(errorCode(() => lexSql('SELECT $$x$$', 'postgres'))).toBe('SQL_FORBIDDEN_SYNTAX');
    expect(errorCode(() => lexSql('SELECT $1', 'postgres'))).toBe('OK');
    expect(errorCode(() => lexSql("SELECT 'open", 'sqlite'))).toBe('SQL_PARSE_ERROR');
    expect(errorCode(() => lexSql('SELECT 1 /* open', 'duckdb'))).toBe('SQL_PARSE_ERROR');
  });
});

describe('prepareSqlText', () => {
  it('strips comments and trailing semicolons and folds unquoted PostgreSQL names', () => {
    expect(prepareSqlText('SELECT Id /* c */ FROM "Orders" -- x\n;', 'postgres').text).toBe('select id   from "Orders"');
    expect(prepareSqlText('SELECT Id FROM Orders;', 'mysql').text).toBe('SELECT Id FROM Orders');
    expect(prepareSqlText("SELECT Id FROM Orders WHERE a = E'X'", 'postgres').text).toBe("select id from orders where a = E'X'");
  });

  it('refuses a second statement even when hidden after a comment', () => {
    expect(errorCode(() => prepareSqlText('SELECT 1 /* x */; DELETE FROM t', 'sqlite'))).toBe('SQL_MULTIPLE_STATEMENTS');
    expect(errorCode(() => prepareSqlText('SELECT 1; -- only a comment', 'sqlite'))).toBe('OK');
  });

  it('folds fullwidth letters but refuses zero-width, bidi and look-alike punctuation outside literals', () => {
    expect(prepareSqlText('ＳＥＬＥＣＴ 1', 'sqlite').text).toBe('SELECT 1');
    for (const sql of ['SELECT\u200B1', 'SELECT 1\u202E', 'SELECT 1 \uFF1B SELECT 2', 'SELECT \u0441ount(*) FROM t', 'SELECT "a\u200Db"']) {
      expect(errorCode(() => prepareSqlText(sql, 'postgres')), JSON.stringify(sql)).toBe('SQL_INVALID_CHARACTERS');
    }
    expect(errorCode(() => prepareSqlText("SELECT 'x\u200By'", 'postgres'))).toBe('OK');
  });

  it('names the statement kind when it is not a SELECT', () => {
    expect(errorCode(() => prepareSqlText('PRAGMA table_info(t)', 'sqlite'))).toBe('SQL_WRITE');
    expect(errorCode(() => prepareSqlText('SHOW TABLES', 'mysql'))).toBe('SQL_NOT_SELECT');
    expect(errorCode(() => prepareSqlText('   ', 'mysql'))).toBe('SQL_EMPTY');
  });
});
