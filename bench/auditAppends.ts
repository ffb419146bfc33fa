// Audit appends on the SQLite store (synchronous=FULL): N events appended one after another (one
// commit each, as before group commit) against the same N appended at once (group commit), in the
// same run. Nothing is asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemContext } from '../shared/types/auth';
import { createKeyFileSecretBox } from '../electron/main/security/secrets';
import { createStore } from '../electron/main/store';

const EVENTS = 300;

export async function benchAuditAppends(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-audit-'));
  const store = createStore({ dataDir, secrets: createKeyFileSecretBox(dataDir) });
  await store.init();
  try {
    const org = await store.organizations.unscopedCreate({ name: 'Bench' });
    const ctx = systemContext(org.id);
    const append = (i: number) => store.audit.append(ctx, { action: 'ai.answer', target: 'bench', details: { i } });
    let started = performance.now();
    for (let i = 0; i < EVENTS; i += 1) await append(i);
    const oneByOneMs = performance.now() - started;
    const commitsBefore = store.audit.commits;
    started = performance.now();
    await Promise.all(Array.from({ length: EVENTS }, (_, i) => append(i)));
    const togetherMs = performance.now() - started;
    const verified = await store.audit.verify(ctx);
    return {
      events: EVENTS,
      one_by_one: { ms: Math.round(oneByOneMs), events_per_s: Math.round(EVENTS / (oneByOneMs / 1000)), commits: EVENTS },
      together: { ms: Math.round(togetherMs), events_per_s: Math.round(EVENTS / (togetherMs / 1000)), commits: store.audit.commits - commitsBefore },
      speedup: Number((oneByOneMs / togetherMs).toFixed(1)),
      chain_verified: verified.ok,
    };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
