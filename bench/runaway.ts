// A runaway SQLite query (a cartesian aggregate) against `aiser serve`, with /healthz probed every
// 20 ms until the statement timeout stops it: the server must stay responsive (issue 11, target
// /healthz p95 ≤ 100 ms). Reported, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { call, percentiles, probeHealth, serve } from './concurrency';

const TIMEOUT_SECONDS = 5;
const CARTESIAN = 'SELECT count(*) AS n, sum(a.v * b.v + c.v) AS s FROM t a JOIN t b ON b.v >= a.v JOIN t c ON c.v >= b.v';

export async function benchRunaway(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-runaway-'));
  const file = path.join(dir, 'big.db');
  const db = new Database(file);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => { for (let i = 0; i < 5000; i += 1) insert.run(i % 97); })();
  db.close();
  const served = await serve({ AISER_NO_DEMO: '1', AISER_QUERY_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS), AISER_FILE_ROOTS: dir });
  try {
    const token = (await call<{ token: string }>(served.url, 'auth/signIn', { email: 'bench@example.com', password: 'bench-password-123' })).token;
    const projectId = (await call<{ projects: Array<{ id: string }> }>(served.url, 'auth/me', {}, token)).projects[0].id;
    const sourceId = (await call<{ id: string }>(served.url, 'sources/create', { projectId, name: 'Big', config: { type: 'sqlite', path: file } }, token)).id;
    let finish = () => undefined as void;
    const idle = await probeHealth(served.url, new Promise<void>((r) => { finish = r; setTimeout(r, 1000); }));
    const started = performance.now();
    const health = probeHealth(served.url, new Promise<void>((r) => { finish = r; }));
    const outcome = await call(served.url, 'query/run', { sourceId, sql: CARTESIAN }, token).then(() => 'finished', (e: Error) => e.message);
    const queryMs = Math.round(performance.now() - started);
    finish();
    const samples = await health;
    return {
      statement_timeout_s: TIMEOUT_SECONDS, query_ms: queryMs, outcome: outcome.slice(0, 120),
      healthz_idle_ms: percentiles(idle), healthz_during_ms: percentiles(samples), healthz_max_ms: Number(Math.max(...samples).toFixed(1)), healthz_samples: samples.length,
      targets: { healthz_p95_ms: 100 },
    };
  } finally {
    served.child.kill();
    fs.rmSync(served.dataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
