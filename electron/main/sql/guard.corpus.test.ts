import { describe, expect, it } from 'vitest';
import { CORPUS_ALLOWED_TABLES, loadCorpus } from './corpus/load';
import { guardSql, SqlGuardError } from './guard';

const hostile = loadCorpus('hostile');
const legit = loadCorpus('legit');
const guard = (sql: string, dialect: (typeof hostile)[number]['dialect']) =>
  guardSql(sql, { dialect, rowLimit: 1000, allowedTables: CORPUS_ALLOWED_TABLES });

describe('SQL guard corpus', () => {
  it('has at least 300 hostile and 100 legitimate statements', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(300);
    expect(new Set(legit.map((e) => e.sql)).size).toBeGreaterThanOrEqual(100);
  });

  it('refuses every hostile statement with a SqlGuardError that says what to do', () => {
    const accepted: string[] = [];
    for (const { dialect, sql } of hostile) {
      try {
        const result = guard(sql, dialect);
        accepted.push(`${dialect}: ${JSON.stringify(sql)} => ${result.sql}`);
      } catch (error) {
        expect(error, `${dialect}: ${sql}`).toBeInstanceOf(SqlGuardError);
        expect((error as SqlGuardError).message.length, sql).toBeGreaterThan(30);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('accepts every legitimate statement and injects the row limit', () => {
    const rejected: string[] = [];
    for (const { dialect, sql } of legit) {
      try {
        expect(guard(sql, dialect).sql).toMatch(/LIMIT \d+( OFFSET \d+)?$|LIMIT \d+, \d+$/);
      } catch (error) {
        rejected.push(`${dialect}: ${sql} => ${(error as Error).message}`);
      }
    }
    expect(rejected).toEqual([]);
  });

  it('refuses the hostile statements for the right reason, not by accident of parsing', () => {
    const codes = hostile.map(({ dialect, sql }) => {
      try {
        guard(sql, dialect);
        return 'ACCEPTED';
      } catch (error) {
        return (error as SqlGuardError).code;
      }
    });
    const parseErrors = codes.filter((c) => c === 'SQL_PARSE_ERROR').length;
    expect(parseErrors / codes.length).toBeLessThan(0.05);
  });
});
