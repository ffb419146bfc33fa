import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { cleanup, ok, type TestServer } from './fixtures';

const TIMEOUT_SECONDS = 3;
/** Generous on purpose (a loaded 2-core machine): on the main thread, health waited for the whole query. */
const HEALTH_BOUND_MS = 2_000;

/** A caller freezing the server with one expensive statement on a SQLite source. */
describe('a runaway SQLite query cannot freeze the server', () => {
  let server: TestServer;
  let admin: string;
  let sourceId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-sqlite-dos-'));

  beforeAll(async () => {
    const file = path.join(dir, 'big.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => { for (let i = 0; i < 5000; i++) insert.run(i % 97); })();
    db.close();
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1', AISER_QUERY_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) });
    admin = await signIn(server.url);
    const projectId = (await ok<{ projects: Array<{ id: string }> }>(server, 'auth/me', {}, admin)).projects[0].id;
    sourceId = (await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'Big', config: { type: 'sqlite', path: file } }, admin)).id;
  });
  afterAll(async () => {
    await cleanup(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a cartesian aggregate ends at the timeout with a clear message while /healthz keeps answering', async () => {
    const started = Date.now();
    const running = post(server.url, 'query/run', { sourceId, sql: 'SELECT count(*) AS n, sum(a.v * b.v + c.v) AS s FROM t a JOIN t b ON b.v >= a.v JOIN t c ON c.v >= b.v' }, admin)
      .then((res) => ({ res, endedAt: Date.now() }));
    let finished = false;
    void running.then(() => { finished = true; });
    const health: Array<{ status: number; ms: number }> = [];
    while (!finished) {
      const asked = performance.now();
      const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(HEALTH_BOUND_MS) });
      health.push({ status: response.status, ms: performance.now() - asked });
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { res, endedAt } = await running;
    expect(res.status).toBe(504);
    expect(res.body.error?.code).toBe('TIMEOUT');
    expect(res.body.error?.message).toMatch(new RegExp(`longer than ${TIMEOUT_SECONDS * 1000} ms and was stopped`));
    expect(endedAt - started).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000 - 50);
    // Health was asked throughout the query and every answer arrived (each within the bound above).
    expect(health.length).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 2);
    expect(health.every((h) => h.status === 200)).toBe(true);
  });

  it('the source keeps working after its worker was stopped, and parallel queries share the worker pool', async () => {
    const again = await ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId, sql: 'SELECT count(*) FROM t' }, admin);
    expect(again.rows).toEqual([[5000]]);
    const parallel = await Promise.all(Array.from({ length: 6 }, (_, i) => ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId, sql: `SELECT count(*) FROM t WHERE v = ${i}` }, admin)));
    expect(parallel.map((r) => Number(r.rows[0][0]))).toEqual([0, 1, 2, 3, 4, 5].map((v) => Array.from({ length: 5000 }, (_, i) => i % 97).filter((x) => x === v).length));
  });
});
