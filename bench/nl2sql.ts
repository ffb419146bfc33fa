/** `npm run bench:nl2sql`: dev questions → engine → execution accuracy on retail.sqlite. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGlossary } from '../shared/types/semantic';
import { createConnector } from '../electron/main/connectors/registry';
import { calibrated, fitLogistic, HIGH_CONFIDENCE, reliabilityTable } from '../electron/main/nl2sql/calibration';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from '../electron/main/nl2sql/engine';
import { PLAIN_HOLDOUT_SETS } from '../tests/support/nl2sql/holdout/sets';
import { scoreHoldout, type HoldoutOutcome } from '../tests/support/nl2sql/holdout/score';
import { parseQuestionLines, turnsOf } from '../electron/main/nl2sql/questions';
import { resultsMatch, type ResultTable } from '../electron/main/nl2sql/scorer';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
  const holdout = await heldOut(process.argv.includes('--fit'));
  const outDir = path.join(repoRoot, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'nl2sql.json'), JSON.stringify({
    accuracy: right / results.length, right, total: results.length,
    p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95),
    byTag: Object.fromEntries(byTag), results, holdout,
  }, null, 2));
  console.log(`EX ${pct(right, results.length)} (${right}/${results.length})`);
}

const highPrecision = (outcomes: { confidence: number; right: boolean; answered: boolean }[]) => {
  const high = outcomes.filter((o) => o.answered && o.confidence >= HIGH_CONFIDENCE);
  return { answered: high.length, right: high.filter((o) => o.right).length, precision: high.length ? high.filter((o) => o.right).length / high.length : 1 };
};

/** Every held-out plain-schema set separately, the reliability table, and (with --fit) new coefficients
 *  plus a leave-one-set-out check of how they carry to a schema they were not fitted on. */
async function heldOut(fit: boolean) {
  const perSet: { name: string; right: number; total: number; high: ReturnType<typeof highPrecision> }[] = [];
  const all: (HoldoutOutcome & { set: string })[] = [];
  console.log('Held-out plain schemas (no glossary):');
  for (const set of PLAIN_HOLDOUT_SETS) {
    const db = set.create();
    try {
      const score = await scoreHoldout(db.file, set.questions);
      const high = highPrecision(score.outcomes);
      perSet.push({ name: set.name, right: score.right, total: score.total, high });
      all.push(...score.outcomes.map((o) => ({ ...o, set: set.name })));
      console.log(`  ${set.name.padEnd(12)} EX ${((100 * score.right) / score.total).toFixed(1).padStart(5)}% (${score.right}/${score.total})  high-confidence ${high.right}/${high.answered}`);
    } finally {
      db.cleanup();
    }
  }
  const right = all.filter((o) => o.right).length;
  const high = highPrecision(all);
  console.log(`  overall      EX ${((100 * right) / all.length).toFixed(1)}% (${right}/${all.length}); confidence ≥ ${HIGH_CONFIDENCE}: ${high.right}/${high.answered} right (${(100 * high.precision).toFixed(1)}%)`);
  const table = reliabilityTable(all.map((o) => ({ confidence: o.confidence, right: o.right })));
  console.log('Reliability (held-out answers by confidence band):');
  for (const row of table) console.log(`  ${row.band}  ${String(row.answers).padStart(4)} answers  ${(100 * row.accuracy).toFixed(0).padStart(3)}% right  (mean confidence ${row.meanConfidence.toFixed(2)})`);
  let fitted: ReturnType<typeof fitLogistic> | undefined;
  if (fit) {
    const samples = all.filter((o) => o.features).map((o) => ({ features: o.features!, right: o.right }));
    fitted = fitLogistic(samples);
    console.log(`Fitted coefficients: ${JSON.stringify(fitted)}`);
    const crossed = PLAIN_HOLDOUT_SETS.flatMap((set) => {
      const model = fitLogistic(all.filter((o) => o.set !== set.name && o.features).map((o) => ({ features: o.features!, right: o.right })));
      return all.filter((o) => o.set === set.name).map((o) => ({ ...o, confidence: o.features ? calibrated(o.features, model) : o.confidence }));
    });
    const c = highPrecision(crossed);
    console.log(`Leave-one-schema-out: confidence ≥ ${HIGH_CONFIDENCE}: ${c.right}/${c.answered} right (${(100 * c.precision).toFixed(1)}%)`);
  }
  return { perSet, right, total: all.length, highConfidence: high, reliability: table, fitted };
}

main().catch((e: unknown) => {
  console.error(`bench:nl2sql failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
