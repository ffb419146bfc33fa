/** The running server's view of its AI providers (breaker state, health), published as a file in
 *  the data folder so `aiser status` — a separate process — reports what the server sees rather
 *  than the closed breakers of a freshly built pool. */
import fs from 'node:fs';
import path from 'node:path';
import type { ProviderPool } from './providerPool';
import type { ProviderHealthSnapshot } from './resilience';

export const SERVED_AI_STATE_FILE = 'ai-served-state.json';
const PUBLISH_INTERVAL_MS = 2_000;

export interface ServedAiState {
  pid: number;
  writtenAt: string;
  providers: Array<{ orgId: string; providerId: string; health: ProviderHealthSnapshot }>;
}

/** Writes the pool's state now and every couple of seconds until stopped; stopping removes the file. */
export function publishServedAiState(dataDir: string, pool: ProviderPool): { publish(): void; stop(): void } {
  const file = path.join(dataDir, SERVED_AI_STATE_FILE);
  const publish = () => {
    const state: ServedAiState = { pid: process.pid, writtenAt: new Date().toISOString(), providers: pool.snapshots() };
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 });
      fs.renameSync(temporary, file);
    } catch {
      // The data folder went away (shutdown, tests): nothing to publish to.
    }
  };
  publish();
  const timer = setInterval(publish, PUBLISH_INTERVAL_MS);
  timer.unref();
  return {
    publish,
    stop() {
      clearInterval(timer);
      fs.rmSync(file, { force: true });
    },
  };
}

/** The state published by a server that is still running on this data folder, or null. */
export function readServedAiState(dataDir: string): ServedAiState | null {
  let state: ServedAiState;
  try {
    state = JSON.parse(fs.readFileSync(path.join(dataDir, SERVED_AI_STATE_FILE), 'utf8')) as ServedAiState;
  } catch {
    return null;
  }
  if (!Number.isInteger(state.pid) || !Array.isArray(state.providers) || !processRuns(state.pid)) return null;
  return state;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
