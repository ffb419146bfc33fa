/** Reads the retail benchmark (schema, glossary, dev questions) from ../shared/bench. */
import fs from 'node:fs';
import path from 'node:path';
import type { SchemaInfo } from '../../../shared/types/schema';
import { createConnector } from '../../../electron/main/connectors/registry';
import { parseGlossary, type Glossary } from '../../../shared/types/semantic';

const RETAIL_DIR = path.resolve(import.meta.dirname, '../../../../shared/bench/retail');

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

/** Introspects retail.sqlite through the app's own SQLite connector (read-only). */
export async function introspectRetail(): Promise<SchemaInfo> {
  const connector = createConnector({ type: 'sqlite', path: path.join(RETAIL_DIR, 'retail.sqlite') });
  try {
    return await connector.introspect();
  } finally {
    await connector.close();
  }
}

/** Table names the gold SQL reads (FROM/JOIN targets, subqueries included). */
export function tablesInSql(sql: string, known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)/gi)) {
    if (known.has(match[1])) found.add(match[1]);
  }
  return [...found];
}
