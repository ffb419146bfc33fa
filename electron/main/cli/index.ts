import { runMigrateCommand } from './migrateCommand';
import { runServeCommand } from './serveCommand';
import { runSqlCommand } from './sqlCommand';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: () => Promise<Command>; summary: string }> = {
  serve: { run: async () => runServeCommand, summary: 'Start server mode: the API over HTTP + SSE and the app in a browser.' },
  migrate: { run: async () => runMigrateCommand, summary: 'aiser migrate [--status | --down N]: apply, list or revert store migrations.' },
  backup: { run: async () => (await import('./backupCommand')).runBackupCommand, summary: 'aiser backup --out FILE [--include-secret-key]: a consistent copy of the store, also while it runs.' },
  restore: { run: async () => (await import('./backupCommand')).runRestoreCommand, summary: 'aiser restore FILE [--force]: load a backup into an empty store and upgrade it.' },
  sql: { run: async () => runSqlCommand, summary: 'aiser sql --source <id|file|url> "<SELECT…>" [--json]: run guarded read-only SQL.' },
  status: { run: async () => (await import('./statusCommand')).runStatusCommand, summary: 'Provider health, circuit-breaker state and latency percentiles.' },
  audit: { run: async () => (await import('./auditCommand')).runAuditCommand, summary: 'aiser audit verify | export --format csv|json [--out file]: check or export the audit trail.' },
  import: { run: async () => (await import('./importCommand')).runImportCommand, summary: 'aiser import aiser-platform --from postgres://… [--dry-run]: copy an Aiser platform database in.' },
  report: { run: async () => (await import('./reportCommand')).runReportCommand, summary: 'aiser report --from dashboard:<id>|conversation:<id> --format pdf|pptx|html --audience board|executive|analyst --out F; aiser report run-due.' },
  nl2sql: { run: async () => (await import('./nl2sqlCommand')).runNl2sqlCommand, summary: 'aiser nl2sql --db <file|url> --in q.jsonl --out p.jsonl: offline NL→SQL.' },
  analyze: { run: async () => (await import('./analyzeCommand')).runAnalyzeCommand, summary: 'aiser analyze forecast|anomalies|test --in <file> [--horizon H] [--season N] --json: forecasts, anomalies, significance tests.' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return ['Usage: aiser <command> [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`aiser: unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  return (await command.run())(args);
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0 || !process.env.AISER_KEEP_ALIVE) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`aiser: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
