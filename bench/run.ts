// `npm run bench`: every benchmark in one run, JSON results in bench/results/, ratios against
// baselines measured in the same run. Targets are reported, never asserted.
import fs from 'node:fs';
import path from 'node:path';

type Bench = { name: string; module: string; exportName: string };

const BENCHES: Bench[] = [
  { name: 'startup', module: './startup', exportName: 'benchStartup' },
  { name: 'concurrency', module: './concurrency', exportName: 'benchConcurrency' },
  { name: 'auditAppends', module: './auditAppends', exportName: 'benchAuditAppends' },
  { name: 'connectors', module: './connectors', exportName: 'benchConnectors' },
  { name: 'duckdb', module: './duckdb', exportName: 'benchDuckdb' },
  { name: 'context', module: './context', exportName: 'benchContext' },
  { name: 'orchestrator', module: './orchestrator', exportName: 'benchOrchestrator' },
  { name: 'charts', module: './charts', exportName: 'benchCharts' },
  { name: 'analytics', module: './analytics', exportName: 'benchAnalytics' },
  { name: 'reports', module: './reports', exportName: 'benchReports' },
  { name: 'scaleOut', module: './scaleOut', exportName: 'benchScaleOut' },
  { name: 'runaway', module: './runaway', exportName: 'benchRunaway' },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const outDir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const summary: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
  for (const bench of BENCHES) {
    if (only.length && !only.includes(bench.name)) continue;
    const started = Date.now();
    process.stdout.write(`▶ ${bench.name}… `);
    try {
      const mod = (await import(bench.module)) as Record<string, () => Promise<unknown>>;
      const run = mod[bench.exportName] ?? mod.default;
      if (typeof run !== 'function') throw new Error(`${bench.module} exports no ${bench.exportName}()`);
      const result = await run();
      summary[bench.name] = result;
      fs.writeFileSync(path.join(outDir, `${bench.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)}s\n${JSON.stringify(result, null, 2)}\n`);
    } catch (error) {
      summary[bench.name] = { error: error instanceof Error ? error.message : String(error) };
      process.stdout.write(`failed: ${error instanceof Error ? error.message : error}\n`);
    }
  }
  fs.writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`results in ${path.relative(process.cwd(), outDir)}/\n`);
}

await main();
