import { pgDriver } from '../../connectors/postgres/driver';
import type { Store } from '../../store';
import { importConversations } from './conversations';
import { importDashboards } from './dashboards';
import { importDataSources } from './dataSources';
import { importOrganizations, importProjects } from './organizations';
import { ImportRun, type ImportReport } from './run';
import { PLATFORM_TABLES, PlatformSchemaError, readPlatformTable, textOf, type PlatformRow, type PlatformTable } from './schema';
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
  const client = new (pgDriver().Client)({ connectionString: options.from });
  await client.connect();
  try {
    await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    // Read everything first: a database of the wrong shape is refused before anything is written.
    const tables = {} as Record<PlatformTable, PlatformRow[]>;
    const absent: PlatformTable[] = [];
    for (const name of Object.keys(PLATFORM_TABLES) as PlatformTable[]) {
      const { rows, present } = await readPlatformTable(client, name);
      tables[name] = rows;
      if (!present) absent.push(name);
    }
    if (absent.includes('organizations')) {
      throw new PlatformSchemaError('The database has no "organizations" table; is --from the Aiser platform database (not one of its data sources)?');
    }
    const run = await ImportRun.start(options.store, originOf(options.from), options.dryRun === true);
    if (absent.length > 0) run.note(`The platform database has no table ${absent.join(', ')}; nothing was read from it.`);

    await importOrganizations(run, tables.organizations);
    await importProjects(run, tables.projects);
    await importUsers(run, tables.users);
    noteSessions(run, tables.user_sessions);
    const projectOrgs = new Map(tables.projects.map((row) => [String(row.id), textOf(row.organization_id) ?? '']));
    await importDataSources(run, tables.data_sources, projectOrgs);
    await importDashboards(run, tables.dashboards, tables.widgets, tables.dashboard_widgets);
    await importConversations(run, tables.conversations, tables.messages);
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
