/** `npm run bench:nl2sql`: dev questions → engine → execution accuracy on retail.sqlite. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGlossary } from '../../../shared/types/semantic';
import { createConnector } from '../connectors/registry';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from './engine';
import { parseQuestionLines, turnsOf } from './questions';
import { resultsMatch, type ResultTable } from './scorer';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** `../shared/bench` beside the checkout (a worktree may sit one level deeper); AISER_BENCH_DIR overrides. */
const benchDir = process.env.AISER_BENCH_DIR
  ? path.resolve(process.env.AISER_BENCH_DIR, 'retail')
  : [path.resolve(repoRoot, '..', 'shared', 'bench', 'retail'), path.resolve(repoRoot, '..', '..', 'shared', 'bench', 'retail')].find((d) => fs.existsSync(d)) ??
    path.resolve(repoRoot, '..', 'shared', 'bench', 'retail');

function run(db: Database.Database, sql: string): ResultTable {
  const stmt = db.prepare(sql);
  return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as ResultTable['rows'] };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const dbPath = path.join(benchDir, 'retail.sqlite');
  const connector = createConnector({ type: 'sqlite', path: dbPath });
  const schema = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
  await connector.close();
  const glossary = parseGlossary(JSON.parse(fs.readFileSync(path.join(benchDir, 'semantic.json'), 'utf8')));
  const engine = new Nl2SqlEngine(schema, glossary);
  const questions = parseQuestionLines(fs.readFileSync(path.join(benchDir, 'questions.dev.jsonl'), 'utf8'), 'questions.dev.jsonl');
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const byTag = new Map<string, { right: number; total: number }>();
  const times: number[] = [];
  const results: { id: string; right: boolean; ms: number; confidence: number; sql?: string; error?: string }[] = [];
  for (const q of questions) {
    const started = performance.now();
    let sql: string | undefined;
    let confidence = 0;
    let error: string | undefined;
    try {
      const answer = engine.askConversation(turnsOf(q), { now: q.now ?? glossary.now });
      sql = answer.sql;
      confidence = answer.confidence;
      error = answer.refusal;
    } catch (e) {
      error = `engine error: ${(e as Error).message}`;
    }
    const ms = performance.now() - started;
    times.push(ms);
    let right = false;
    if (sql && q.sql) {
      try {
        right = resultsMatch(run(db, q.sql), run(db, sql), q.ordered ?? false);
      } catch (e) {
        error = `execution error: ${(e as Error).message}`;
      }
    }
    results.push({ id: q.id, right, ms: Math.round(ms * 100) / 100, confidence, sql, error });
    for (const tag of q.tags) {
      const t = byTag.get(tag) ?? { right: 0, total: 0 };
      t.total++;
      if (right) t.right++;
      byTag.set(tag, t);
    }
    if (verbose && !right) console.log(`✗ ${q.id} ${turnsOf(q).join(' / ')}\n   pred: ${sql ?? '-'}\n   gold: ${q.sql}${error ? `\n   ${error}` : ''}`);
  }
  db.close();
  const right = results.filter((r) => r.right).length;
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (r: number, t: number) => ((100 * r) / t).toFixed(1);
  console.log('Accuracy by tag:');
  for (const [tag, t] of [...byTag].sort()) console.log(`  ${tag.padEnd(16)} ${pct(t.right, t.total).padStart(5)}%  (${t.right}/${t.total})`);
  console.log(`Latency per question: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`);
  const outDir = path.join(repoRoot, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'nl2sql.json'), JSON.stringify({
    accuracy: right / results.length, right, total: results.length,
    p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95),
    byTag: Object.fromEntries(byTag), results,
  }, null, 2));
  console.log(`EX ${pct(right, results.length)} (${right}/${results.length})`);
}

main().catch((e: unknown) => {
  console.error(`bench:nl2sql failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
