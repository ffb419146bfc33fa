/** Runs a held-out question file through the engine and scores it by execution (as the bench does). */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGlossary, type Glossary } from '../../../../shared/types/semantic';
import { createConnector } from '../../../../electron/main/connectors/registry';
import type { CalibrationFeatures } from '../../../../electron/main/nl2sql/calibration';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from '../../../../electron/main/nl2sql/engine';
import { parseQuestionLines, turnsOf } from '../../../../electron/main/nl2sql/questions';
import { resultsMatch, type ResultTable } from '../../../../electron/main/nl2sql/scorer';

const here = path.dirname(fileURLToPath(import.meta.url));

export const HOLDOUT_NOW = '2026-07-01';

/** The glossary of a held-out domain (`<domain>.semantic.json` beside this file). */
export function holdoutGlossary(domain: string): Glossary {
  return parseGlossary(JSON.parse(fs.readFileSync(path.join(here, `${domain}.semantic.json`), 'utf8')));
}

export interface HoldoutOutcome {
  id: string;
  right: boolean;
  confidence: number;
  /** The engine answered (SQL and no clarification) rather than asking or refusing. */
  answered: boolean;
  features?: CalibrationFeatures;
}

export interface HoldoutScore {
  right: number;
  total: number;
  failures: string[];
  outcomes: HoldoutOutcome[];
}

/** Executes gold and predicted SQL of `questionFile` (a file beside this one) on the SQLite `file`; failures are described. */
export async function scoreHoldout(file: string, questionFile: string, glossary?: Glossary): Promise<HoldoutScore> {
  const connector = createConnector({ type: 'sqlite', path: file });
  const schema = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
  await connector.close();
  const engine = new Nl2SqlEngine(schema, glossary);
  const questions = parseQuestionLines(fs.readFileSync(path.join(here, questionFile), 'utf8'), questionFile);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const run = (sql: string): ResultTable => {
    const stmt = db.prepare(sql);
    return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as ResultTable['rows'] };
  };
  const failures: string[] = [];
  const outcomes: HoldoutOutcome[] = [];
  let right = 0;
  try {
    for (const q of questions) {
      const gold = run(q.sql!);
      if (!gold.rows.length) throw new Error(`${q.id}: gold SQL returns no rows; the fixture must give every question an answer.`);
      const answer = engine.askConversation(turnsOf(q), { now: q.now ?? HOLDOUT_NOW });
      let ok = false;
      let error = answer.refusal ?? '';
      if (answer.sql) {
        try { ok = resultsMatch(gold, run(answer.sql), q.ordered ?? false); } catch (e) { error = `execution error: ${(e as Error).message}`; }
      }
      outcomes.push({ id: q.id, right: ok, confidence: answer.confidence, answered: Boolean(answer.sql) && !answer.clarification, features: answer.calibration });
      if (ok) right++;
      else failures.push(`✗ ${q.id} ${turnsOf(q).join(' / ')}\n   pred: ${answer.sql ?? '-'}\n   gold: ${q.sql}${error ? `\n   ${error}` : ''}`);
    }
  } finally {
    db.close();
  }
  return { right, total: questions.length, failures, outcomes };
}
