import pg from 'pg';
import type { Store } from '../../store';
import { importConversations } from './conversations';
import { importDashboards } from './dashboards';
import { importDataSources } from './dataSources';
import { importOrganizations, importProjects } from './organizations';
import { ImportRun, type ImportReport } from './run';
import { readPlatformTable, textOf, type PlatformRow, type PlatformTable } from './schema';
import { importUsers, noteSessions } from './users';

export type { ImportReport, SkippedRow, EntityCounts, ImportEntity } from './run';
export { PLATFORM_TABLES, PlatformSchemaError } from './schema';

export interface AiserPlatformImportOptions {
  /** `postgres://…` of the platform database (read only). */
  from: string;
  store: Store;
  /** Read and map everything, report it, write nothing. */
  dryRun?: boolean;
}

/** Copies an Aiser platform database into this app's store through its repositories (so scoping,
 *  validation and secret encryption apply). Running it again imports only what is new. */
export async function importAiserPlatform(options: AiserPlatformImportOptions): Promise<ImportReport> {
  const client = new pg.Client({ connectionString: options.from });
  await client.connect();
  try {
    await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    const table = async (name: PlatformTable): Promise<PlatformRow[]> => (await readPlatformTable(client, name)).rows;
    const run = await ImportRun.start(options.store, originOf(options.from), options.dryRun === true);

    await importOrganizations(run, await table('organizations'));
    const projects = await table('projects');
    await importProjects(run, projects);
    await importUsers(run, await table('users'));
    noteSessions(run, await table('user_sessions'));
    const projectOrgs = new Map(projects.map((row) => [String(row.id), textOf(row.organization_id) ?? '']));
    await importDataSources(run, await table('data_sources'), projectOrgs);
    await importDashboards(run, await table('dashboards'), await table('widgets'), await table('dashboard_widgets'));
    await importConversations(run, await table('conversations'), await table('messages'));
    return run.report;
  } finally {
    await client.end();
  }
}

/** Names the platform database without its credentials, so the same database maps to the same rows. */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `aiser-platform:${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
