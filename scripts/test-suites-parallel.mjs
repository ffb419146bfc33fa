// Runs the integration and browser (e2e) suites at the same time — they share no database:
// e2e gets its own source databases (aiser_src_e2e) — and prints each suite's output whole once
// it ends, so the summaries stay readable. Exits non-zero when either suite fails.
import { spawn } from 'node:child_process';

const withDatabase = (url, name) => (url ? url.replace(/\/[^/?]+(\?|$)/, `/${name}$1`) : undefined);
const e2eEnv = {
  ...process.env,
  ...(process.env.AISER_TEST_PG_URL ? { AISER_TEST_PG_URL: withDatabase(process.env.AISER_TEST_PG_URL, 'aiser_src_e2e') } : {}),
  ...(process.env.AISER_TEST_MYSQL_URL ? { AISER_TEST_MYSQL_URL: withDatabase(process.env.AISER_TEST_MYSQL_URL, 'aiser_src_e2e') } : {}),
};

function run(name, args, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npx', ['vitest', 'run', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('close', (code) => {
      process.stdout.write(`\n===== ${name} (${Math.round((Date.now() - started) / 1000)} s, exit ${code}) =====\n${output}`);
      resolve(code ?? 1);
    });
  });
}

const codes = await Promise.all([
  run('integration', ['--project', 'integration'], process.env),
  run('e2e', ['--project', 'e2e'], e2eEnv),
]);
process.exit(codes.some((code) => code !== 0) ? 1 : 0);
