import type { SourceConfig } from '../../connectors/types';
import type { ImportRun } from './run';
import { keyOf, objectOf, textOf, type PlatformRow } from './schema';

type Config = Record<string, unknown>;

/** Platform source types → a connection config this app can open; a type missing here is skipped. */
const CONFIG_BUILDERS: Record<string, (config: Config) => SourceConfig | string> = {
  postgres: (config) => serverConfig('postgres', config),
  postgresql: (config) => serverConfig('postgres', config),
  mysql: (config) => serverConfig('mysql', config),
  mariadb: (config) => serverConfig('mysql', config),
  sqlite: (config) => withPath('sqlite', config),
  csv: (config) => withPath('files', config),
  excel: (config) => withPath('files', config),
  xlsx: (config) => withPath('files', config),
  parquet: (config) => withPath('files', config),
  json: (config) => withPath('files', config),
  file: (config) => withPath('files', config),
};

export const SUPPORTED_PLATFORM_SOURCE_TYPES = Object.keys(CONFIG_BUILDERS);

export async function importDataSources(run: ImportRun, rows: PlatformRow[], projectOrgs: Map<string, string>): Promise<void> {
  run.read('data_sources', rows.length);
  for (const row of rows) {
    const key = keyOf(row.id);
    const name = textOf(row.name);
    if (run.alreadyImported('data_sources', key)) continue;
    const platformProject = textOf(row.project_id);
    const projectId = run.targetOf('projects', platformProject);
    const orgId = run.targetOf('organizations', textOf(row.organization_id) ?? (platformProject ? projectOrgs.get(platformProject) ?? null : null));
    if (!orgId) {
      run.skip('data_sources', row, name, 'Its organization was not imported (or the source names none).');
      continue;
    }
    if (platformProject && !projectId) {
      run.skip('data_sources', row, name, `Its project (${platformProject}) was not imported.`);
      continue;
    }
    const type = textOf(row.type)?.toLowerCase() ?? '';
    const build = CONFIG_BUILDERS[type];
    if (!build) {
      run.skip('data_sources', row, name, `Unsupported source type "${type}"; supported: ${SUPPORTED_PLATFORM_SOURCE_TYPES.join(', ')}. Add it again here if a connector exists for it.`);
      continue;
    }
    const config = build(objectOf(row.connection_config));
    if (typeof config === 'string') {
      run.skip('data_sources', row, name, config);
      continue;
    }
    await run.create('data_sources', key, name, orgId, () =>
      run.store.dataSources.create(run.contextFor(orgId), { name: name ?? `Imported source ${key}`, projectId, config }),
    );
  }
}

function serverConfig(type: 'postgres' | 'mysql', config: Config): SourceConfig | string {
  const url = textOf(config.url) ?? textOf(config.connection_string) ?? undefined;
  const host = textOf(config.host) ?? undefined;
  if (!url && !host) return 'The connection configuration has neither a host nor a connection URL.';
  const port = Number(config.port);
  const ssl = sslOf(config);
  return {
    type,
    ...(url ? { url } : {}),
    ...(host ? { host } : {}),
    ...(Number.isInteger(port) && port > 0 ? { port } : {}),
    ...(textOf(config.database) ?? textOf(config.dbname) ? { database: (textOf(config.database) ?? textOf(config.dbname)) as string } : {}),
    ...(textOf(config.username) ?? textOf(config.user) ? { user: (textOf(config.username) ?? textOf(config.user)) as string } : {}),
    ...(typeof config.password === 'string' && config.password !== '' ? { password: config.password } : {}),
    ...(ssl ? { ssl } : {}),
  } as SourceConfig;
}

function sslOf(config: Config): 'disable' | 'require' | undefined {
  const mode = textOf(config.sslmode ?? config.ssl_mode)?.toLowerCase();
  if (config.ssl === true || (mode && mode !== 'disable' && mode !== 'allow' && mode !== 'prefer')) return 'require';
  if (config.ssl === false || mode === 'disable') return 'disable';
  return undefined;
}

function withPath(type: 'sqlite' | 'files', config: Config): SourceConfig | string {
  const path = textOf(config.file_path) ?? textOf(config.path) ?? textOf(config.database);
  return path ? { type, path } : 'The connection configuration has no file path.';
}
