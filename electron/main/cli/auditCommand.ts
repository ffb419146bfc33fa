import fs from 'node:fs';
import { QueryTypes } from 'sequelize';
import { systemContext } from '../../../shared/types/auth';
import { loadConfig, type AppConfig } from '../config';
import { AuditTrail, type AuditExportFormat } from '../security/auditTrail';
import { createKeyFileSecretBox } from '../security/secrets';
import { createStore, type Store } from '../store';
import { openSequelize } from '../store/connection';
import { UsageError, flag, parseArgs } from './args';

const USAGE = [
  'Usage:',
  '  aiser audit verify [--org <id|slug>] [--data-dir <dir>] [--database-url <url>]',
  '  aiser audit export --format csv|json [--out <file>] [--org <id|slug>] [--data-dir <dir>] [--database-url <url>]',
].join('\n');

interface OrgRow {
  id: string;
  name: string;
  slug: string;
}

/** `aiser audit verify|export`: checks every organization's audit chain against its signed
 *  checkpoints (exit 1 on any tampering), or writes the trail as CSV/JSON. */
export async function runAuditCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  try {
    const parsed = parseArgs(rest, { values: ['org', 'data-dir', 'database-url', 'format', 'out'] });
    if (action !== 'verify' && action !== 'export') throw new UsageError(action ? `Unknown audit action "${action}".` : 'Say what to do: verify or export.');
    const config = loadConfig({
      ...process.env,
      ...(flag(parsed, 'data-dir') ? { AISER_DATA_DIR: flag(parsed, 'data-dir') } : {}),
      ...(flag(parsed, 'database-url') ? { AISER_DATABASE_URL: flag(parsed, 'database-url') } : {}),
    });
    if (action === 'export') {
      const format = flag(parsed, 'format');
      if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json.');
      return await withTrail(config, (store, trail) => exportTrail(store, trail, config, format, flag(parsed, 'org'), flag(parsed, 'out')));
    }
    return await withTrail(config, (store, trail) => verifyAll(trail, config, flag(parsed, 'org')));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`aiser audit: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
}

async function withTrail(config: AppConfig, work: (store: Store, trail: AuditTrail) => Promise<number>): Promise<number> {
  if (!config.databaseUrl && !fs.existsSync(config.dataDir)) throw new UsageError(`There is no data folder at ${config.dataDir}; pass --data-dir.`);
  const secrets = createKeyFileSecretBox(config.dataDir);
  const store = createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, secrets });
  try {
    await store.init();
    return await work(store, new AuditTrail(store, { dataDir: config.dataDir, secrets, witness: config.auditWitness }));
  } finally {
    await store.close();
  }
}

/** Every organization in the store (the store has no unscoped listing, so read it directly). */
async function listOrganizations(config: AppConfig, wanted?: string): Promise<OrgRow[]> {
  const { sequelize } = openSequelize({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const rows = await sequelize.query<OrgRow>('SELECT id, name, slug FROM organizations ORDER BY created_at, id', { type: QueryTypes.SELECT });
    if (!wanted) return rows;
    const match = rows.filter((row) => row.id === wanted || row.slug === wanted);
    if (!match.length) throw new UsageError(`No organization "${wanted}". Known: ${rows.map((r) => r.slug).join(', ') || 'none'}.`);
    return match;
  } finally {
    await sequelize.close();
  }
}

async function verifyAll(trail: AuditTrail, config: AppConfig, wanted?: string): Promise<number> {
  let broken = 0;
  for (const org of await listOrganizations(config, wanted)) {
    const ctx = systemContext(org.id);
    const verdict = await trail.verify(ctx);
    if (verdict.ok) {
      await trail.checkpoint(ctx);
      process.stdout.write(`OK       ${org.name} (${org.slug}): ${verdict.count} events, chain intact, ${verdict.checkpoints} signed checkpoint(s) match.\n`);
    } else {
      broken += 1;
      process.stdout.write(`TAMPERED ${org.name} (${org.slug}): ${verdict.reason}\n`);
    }
  }
  return broken ? 1 : 0;
}

async function exportTrail(store: Store, trail: AuditTrail, config: AppConfig, format: AuditExportFormat, wanted?: string, out?: string): Promise<number> {
  const orgs = await listOrganizations(config, wanted);
  if (orgs.length !== 1) throw new UsageError(`This store holds ${orgs.length} organizations; choose one with --org (${orgs.map((o) => o.slug).join(', ')}).`);
  const ctx = systemContext(orgs[0].id);
  const { content, count } = await trail.export(ctx, format);
  await store.audit.append(ctx, { action: 'audit.export', details: { format, count, via: 'cli' } });
  if (out) {
    fs.writeFileSync(out, content, { mode: 0o600 });
    process.stderr.write(`Wrote ${count} audit events to ${out}.\n`);
  } else {
    process.stdout.write(content);
  }
  return 0;
}
