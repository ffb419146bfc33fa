/** `aiser nl2sql --db <sqlite file | postgres url> [--semantic <glossary.json>] [--now YYYY-MM-DD]
 *  --in <questions.jsonl> --out <predictions.jsonl>`: the offline engine over a question file. */
import fs from 'node:fs';
import path from 'node:path';
import { parseGlossary, type Glossary } from '../../../shared/types/semantic';
import { createConnector } from '../connectors/registry';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from '../nl2sql/engine';
import { parseQuestionLines, turnsOf } from '../nl2sql/questions';
import { adHocSourceConfig } from './adHocSource';
import { flag, parseArgs, UsageError } from './args';

const USAGE = 'Usage: aiser nl2sql --db <sqlite file | postgres url> [--semantic <glossary.json>] [--now YYYY-MM-DD] --in <questions.jsonl> --out <predictions.jsonl>';

export interface Prediction {
  id: string;
  sql: string;
  ms: number;
  confidence: number;
  clarification?: string;
}

function readGlossary(file: string): Glossary {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new UsageError(`--semantic: no file at ${resolved}.`);
  let json: unknown;
  try { json = JSON.parse(fs.readFileSync(resolved, 'utf8')); } catch (e) { throw new UsageError(`--semantic: ${resolved} is not valid JSON (${(e as Error).message}).`); }
  return parseGlossary(json);
}

export async function runNl2sqlCommand(args: string[]): Promise<number> {
  try {
    const parsed = parseArgs(args, { values: ['db', 'semantic', 'now', 'in', 'out'] });
    const db = flag(parsed, 'db');
    const input = flag(parsed, 'in');
    const output = flag(parsed, 'out');
    const now = flag(parsed, 'now');
    if (!db || !input || !output) throw new UsageError('--db, --in and --out are required.');
    if (now && !/^\d{4}-\d{2}-\d{2}$/.test(now)) throw new UsageError(`--now must look like YYYY-MM-DD (got "${now}").`);
    if (!fs.existsSync(input)) throw new UsageError(`--in: no file at ${path.resolve(input)}.`);
    const config = adHocSourceConfig(db);
    if (!config || (config.type !== 'sqlite' && config.type !== 'postgres' && config.type !== 'mysql')) {
      throw new UsageError(`--db must be a SQLite file (.sqlite/.db) or a postgres:// URL (got "${db}").`);
    }
    const glossary = flag(parsed, 'semantic') ? readGlossary(flag(parsed, 'semantic')!) : undefined;
    const questions = parseQuestionLines(fs.readFileSync(input, 'utf8'), input);

    const connector = createConnector(config);
    let schema;
    try {
      schema = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
    } finally {
      await connector.close();
    }
    const engine = new Nl2SqlEngine(schema, glossary);
    for (const w of engine.model.warnings) process.stderr.write(`aiser nl2sql: glossary warning: ${w}\n`);

    const lines: string[] = [];
    for (const q of questions) {
      const started = performance.now();
      let prediction: Prediction;
      try {
        const answer = engine.askConversation(turnsOf(q), { now: q.now ?? now, instructions: q.instructions });
        prediction = { id: q.id, sql: answer.sql ?? '', ms: 0, confidence: answer.confidence };
        const ask = answer.clarification?.question ?? answer.refusal;
        if (ask) prediction.clarification = ask;
      } catch (e) {
        prediction = { id: q.id, sql: '', ms: 0, confidence: 0, clarification: `Could not answer: ${(e as Error).message}` };
      }
      prediction.ms = Math.round((performance.now() - started) * 100) / 100;
      lines.push(JSON.stringify(prediction));
    }
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, lines.length ? `${lines.join('\n')}\n` : '');
    process.stderr.write(`aiser nl2sql: ${questions.length} predictions written to ${path.resolve(output)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`aiser nl2sql: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`aiser nl2sql: ${(e as Error).message}\n`);
    return 1;
  }
}
