import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The retail benchmark folder (retail.sqlite + semantic.json), read in place: `AISER_BENCH_RETAIL`
 *  or `../shared/bench/retail` next to the repository. */
export function retailBenchDir(): string {
  const dir = process.env.AISER_BENCH_RETAIL ?? path.resolve(repoRoot, '../shared/bench/retail');
  if (!fs.existsSync(path.join(dir, 'retail.sqlite'))) throw new Error(`The retail benchmark is not at ${dir}: set AISER_BENCH_RETAIL to its folder.`);
  return dir;
}
