/** The same held-out questions asked on a schema with its declared keys and on the schema a plain database
 *  (or a CSV copy) gives: no primary keys, no foreign keys, every column nullable. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { createConnector } from '../../../../electron/main/connectors/registry';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from '../../../../electron/main/nl2sql/engine';
import { parseQuestionLines } from '../../../../electron/main/nl2sql/questions';
import { resultsMatch, type ResultTable } from '../../../../electron/main/nl2sql/scorer';
import { HOLDOUT_NOW } from './score';
import type { HoldoutSet } from './sets';

const here = path.dirname(fileURLToPath(import.meta.url));

/** `schema` as a database without declared keys or NOT NULL constraints would describe itself;
 *  `lowerCaseTables` as one that folds table names to lower case too (DuckDB reading CSV files). */
export function withoutKeys(schema: SchemaInfo, lowerCaseTables = false): SchemaInfo {
  return {
    ...schema,
    foreignKeys: [],
    tables: schema.tables.map((t) => ({ ...t, name: lowerCaseTables ? t.name.toLowerCase() : t.name, primaryKey: [], columns: t.columns.map((c) => ({ ...c, isPrimaryKey: false, nullable: true })) })),
  };
}

export interface KeylessAgreement {
  /** Questions the keyed engine answered with SQL. */
  compared: number;
  /** Of those, the key-less engine gave the same result. */
  agreed: number;
  differences: string[];
}

/** Asks every question of `set` on its schema with and without keys; results compared by execution. */
export async function keylessAgreement(set: HoldoutSet, lowerCaseTables = false): Promise<KeylessAgreement> {
  const fixture = set.create();
  const connector = createConnector({ type: 'sqlite', path: fixture.file });
  const db = new Database(fixture.file, { readonly: true, fileMustExist: true });
  const run = (sql: string): ResultTable => {
    const stmt = db.prepare(sql);
    return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as ResultTable['rows'] };
  };
  try {
    const schema = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
    const keyed = new Nl2SqlEngine(schema);
    const keyless = new Nl2SqlEngine(withoutKeys(schema, lowerCaseTables));
    const questions = parseQuestionLines(fs.readFileSync(path.join(here, set.questions), 'utf8'), set.questions);
    const out: KeylessAgreement = { compared: 0, agreed: 0, differences: [] };
    for (const q of questions) {
      const a = keyed.ask(q.question!, { now: q.now ?? HOLDOUT_NOW });
      if (!a.sql || a.clarification) continue;
      out.compared++;
      const b = keyless.ask(q.question!, { now: q.now ?? HOLDOUT_NOW });
      let same = false;
      let why = b.refusal ?? b.clarification?.question ?? '';
      if (b.sql && !b.clarification) {
        try {
          const x = run(a.sql);
          const y = run(b.sql);
          same = resultsMatch(x, y, q.ordered ?? false) || resultsMatch(y, x, q.ordered ?? false);
        } catch (e) {
          why = e instanceof Error ? e.message : String(e);
        }
      }
      if (same) out.agreed++;
      else out.differences.push(`${q.id} ${q.question}\n  keys:    ${a.sql}\n  no keys: ${b.sql ?? '-'} ${why}`);
    }
    return out;
  } finally {
    db.close();
    await connector.close();
    fixture.cleanup();
  }
}
