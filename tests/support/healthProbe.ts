import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface HealthSample {
  /** Milliseconds since the probe started. */
  at: number;
  status: number;
  ms: number;
}

export interface HealthProbeResult {
  samples: HealthSample[];
  /** Longest stretch this process's event loop was held by its own work (a turn of the loop,
   *  less time its thread waited for a core): how long any request could have waited on the server. */
  loopHeldMaxMs: number;
}

export interface HealthProbe {
  stop(): Promise<HealthProbeResult>;
}

/**
 * Asks `${url}/healthz` every `everyMs` from a separate Node process (one kept-alive connection,
 * as a load balancer's health check does) until `stop()`, and meanwhile measures how long the
 * event loop of this process — where `startTempServer` runs the server — was held at a stretch.
 *
 * Why both: a probe inside the test process shares its event loop with the in-process server,
 * so it cannot tell a late timer of its own from a slow server. From a separate process the
 * round trip also includes the operating system's scheduling of two processes, which on a loaded
 * machine (shared CI cores) alone exceeds 100 ms now and then while the server is idle. The
 * server's own share is how long one turn of its event loop took, less the time its thread sat
 * ready without a core: that is what a blocking step (a synchronous query, file copy, parse or
 * wait for another thread) shows up as, and what a load-free machine would add to an answer.
 */
export async function startHealthProbe(url: string, everyMs = 20): Promise<HealthProbe> {
  const child = spawn(process.execPath, ['-e', PROBE_SOURCE, `${url}/healthz`, String(everyMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = () => { if (out.includes('started\n')) { child.stdout!.off('data', onData); resolve(); } };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the health probe exited (${code}) before it started`)));
  });
  const held = watchLoopHeld();
  return {
    async stop() {
      const loopHeldMaxMs = held.stop();
      child.stdin!.end();
      await exited;
      const line = out.split('\n').find((l) => l.startsWith('['));
      if (!line) throw new Error(`the health probe reported nothing: ${out.slice(0, 200)}`);
      return { samples: JSON.parse(line) as HealthSample[], loopHeldMaxMs };
    },
  };
}

/** Time the main thread spent in one turn of the event loop (running, or blocked as in a
 *  synchronous wait) less the time it sat ready but without a core (Linux schedstat); where
 *  schedstat is missing, the whole turn. */
function watchLoopHeld(): { stop(): number } {
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  const waitedForCoreMs = fs.existsSync(schedstat) ? () => Number(fs.readFileSync(schedstat, 'utf8').split(' ')[1]) / 1e6 : () => 0;
  let max = 0;
  let lastActive = performance.eventLoopUtilization().active;
  let lastWaited = waitedForCoreMs();
  const timer = setInterval(() => {
    const active = performance.eventLoopUtilization().active;
    const waited = waitedForCoreMs();
    max = Math.max(max, active - lastActive - (waited - lastWaited));
    lastActive = active;
    lastWaited = waited;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(max);
    },
  };
}

const PROBE_SOURCE = `
const http = require('node:http');
const [url, everyMs] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const samples = [];
const t0 = performance.now();
let stopping = false;
process.stdin.on('end', () => { stopping = true; });
process.stdin.resume();
function ask() {
  return new Promise((resolve) => {
    const asked = performance.now();
    const req = http.get(url, { agent, timeout: 10000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ at: Math.round(asked - t0), status: res.statusCode, ms: performance.now() - asked }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ at: Math.round(asked - t0), status: 0, ms: performance.now() - asked }));
  });
}
(async () => {
  await ask(); // opens the kept-alive connection
  process.stdout.write('started\\n');
  while (!stopping) {
    samples.push(await ask());
    await new Promise((r) => setTimeout(r, Number(everyMs)));
  }
  process.stdout.write(JSON.stringify(samples) + '\\n');
  agent.destroy();
})();
`;
