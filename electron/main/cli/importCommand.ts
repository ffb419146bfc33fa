import fs from 'node:fs';
import { loadConfig } from '../config';
import { importAiserPlatform, type ImportReport } from '../importers/aiserPlatform';
import { createKeyFileSecretBox } from '../security/secrets';
import { createStore } from '../store';
import { UsageError, flag, parseArgs } from './args';

const USAGE = [
  'Usage:',
  '  aiser import aiser-platform --from postgres://user:password@host:5432/aiser [--dry-run] [--json]',
  '                              [--data-dir <dir>] [--database-url <url>]',
  '',
  'Copies organizations, projects, users, data sources, dashboards, widgets and conversations from an',
  'Aiser platform database into this install. Running it again imports only what is new.',
].join('\n');

/** `aiser import aiser-platform`: imports a platform database and prints what was imported and skipped. */
export async function runImportCommand(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  try {
    const parsed = parseArgs(rest, { values: ['from', 'data-dir', 'database-url'], booleans: ['dry-run', 'json'] });
    if (kind !== 'aiser-platform') throw new UsageError(kind ? `Cannot import from "${kind}"; the only kind is aiser-platform.` : 'Say what to import: aiser-platform.');
    const from = flag(parsed, 'from');
    if (!from || !/^postgres(ql)?:\/\//.test(from)) throw new UsageError('--from must be the platform database URL, postgres://user:password@host:5432/database.');
    const config = loadConfig({
      ...process.env,
      ...(flag(parsed, 'data-dir') ? { AISER_DATA_DIR: flag(parsed, 'data-dir') } : {}),
      ...(flag(parsed, 'database-url') ? { AISER_DATABASE_URL: flag(parsed, 'database-url') } : {}),
    });
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const store = createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, secrets: createKeyFileSecretBox(config.dataDir) });
    try {
      await store.init();
      const report = await importAiserPlatform({ from, store, dryRun: parsed.flags['dry-run'] === true });
      process.stdout.write(parsed.flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`aiser import: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
}

export function formatImportReport(report: ImportReport): string {
  const rows = Object.entries(report.counts).map(([entity, c]) => [entity, c.read, c.imported, c.alreadyImported, c.skipped].map(String));
  const headers = ['table', 'read', report.dryRun ? 'would import' : 'imported', 'already imported', 'skipped'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [
    `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'} from ${report.origin}`,
    '',
    line(headers),
    ...rows.map(line),
  ];
  if (report.skipped.length > 0) {
    out.push('', 'Skipped:');
    for (const row of report.skipped) out.push(`  ${row.entity} ${row.sourceId}${row.label ? ` (${row.label})` : ''}: ${row.reason}`);
  }
  if (report.notes.length > 0) out.push('', 'Notes:', ...report.notes.map((note) => `  - ${note}`));
  return out.join('\n');
}
