/** Reads the retail benchmark (schema, glossary, dev questions) from ../shared/bench. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ColumnInfo, ColumnKind, ForeignKey, SchemaInfo, TableInfo } from '../../../shared/types/schema';
import { parseGlossary, type Glossary } from '../../../shared/types/semantic';

const RETAIL_DIR = path.resolve(import.meta.dirname, '../../../../shared/bench/retail');
const DISTINCT_VALUE_CAP = 50;

export interface DevQuestion {
  id: string;
  /** The user's turns, oldest first (one turn for a standalone question). */
  turns: string[];
  sql: string;
}

export function loadRetailGlossary(): Glossary {
  return parseGlossary(JSON.parse(fs.readFileSync(path.join(RETAIL_DIR, 'semantic.json'), 'utf8')));
}

export function loadRetailQuestions(): DevQuestion[] {
  return fs
    .readFileSync(path.join(RETAIL_DIR, 'questions.dev.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as { id: string; sql: string; question?: string; conversation?: string[] };
      return { id: row.id, sql: row.sql, turns: row.conversation ?? [row.question ?? ''] };
    });
}

/** Introspects retail.sqlite read-only: tables, columns, keys and low-cardinality values. */
export function introspectRetail(): SchemaInfo {
  const db = new Database(path.join(RETAIL_DIR, 'retail.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const tables: TableInfo[] = [];
    const foreignKeys: ForeignKey[] = [];
    for (const name of names) {
      const info = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
      const columns: ColumnInfo[] = info.map((c) => {
        const kind = kindOf(c.type);
        const column: ColumnInfo = { name: c.name, type: c.type, kind, nullable: c.notnull === 0, isPrimaryKey: c.pk > 0 };
        if (kind === 'text') {
          const values = db.prepare(`SELECT DISTINCT "${c.name}" FROM "${name}" WHERE "${c.name}" IS NOT NULL LIMIT ${DISTINCT_VALUE_CAP + 1}`).pluck().all() as string[];
          if (values.length <= DISTINCT_VALUE_CAP) Object.assign(column, { distinctValues: values, distinctCount: values.length });
        }
        return column;
      });
      tables.push({ name, columns, primaryKey: info.filter((c) => c.pk > 0).map((c) => c.name), rowCountEstimate: null });
      const fks = db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string; from: string; to: string }[];
      for (const fk of fks) foreignKeys.push({ fromTable: name, fromColumns: [fk.from], toTable: fk.table, toColumns: [fk.to], inferred: false });
    }
    return { dialect: 'sqlite', tables, foreignKeys, version: 'retail-v1' };
  } finally {
    db.close();
  }
}

function kindOf(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (t.includes('INT') || t.includes('NUM') || t.includes('REAL')) return 'number';
  if (t.includes('DATE')) return 'date';
  return 'text';
}

/** Table names the gold SQL reads (FROM/JOIN targets, subqueries included). */
export function tablesInSql(sql: string, known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)/gi)) {
    if (known.has(match[1])) found.add(match[1]);
  }
  return [...found];
}
