import type { RequestContext } from '../../../../shared/types/auth';
import { DIALECTS, type Dialect, type SchemaInfo } from '../../../../shared/types/schema';
import type { SecretBox } from '../../security/secrets';
import type { SourceConfig } from '../../connectors/types';
import { NotFoundError, StoreInputError, assertNonEmpty, assertOneOf } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable, tableNameOf, type Row } from '../scoped';
import { cachedRead } from '../readCache';
import { redactSecrets, restoreRedactedSecrets } from '../redaction';
import { DATA_SOURCE_STATUSES, DATA_SOURCE_TYPES, type DataSource, type DataSourceStatus, type DataSourceType, type JsonObject } from '../types';

export interface NewDataSource {
  /** null or omitted: available to every project of the organization. */
  projectId?: string | null;
  name: string;
  config: SourceConfig;
  /** Derived from `config.type` when omitted. */
  type?: DataSourceType;
  dialect?: Dialect | null;
}

export interface DataSourcePatch {
  name?: string;
  projectId?: string | null;
  /** A config as returned by list/get: '••••' placeholders keep the saved secrets. */
  config?: SourceConfig;
}

/** What each connector type is, as data. */
const CONNECTOR_FACTS: Record<string, { type: DataSourceType; dialect: Dialect | null }> = {
  postgres: { type: 'database', dialect: 'postgres' },
  mysql: { type: 'database', dialect: 'mysql' },
  sqlite: { type: 'database', dialect: 'sqlite' },
  files: { type: 'file', dialect: 'duckdb' },
  rest: { type: 'api', dialect: null },
  cube: { type: 'cube', dialect: null },
};

export class DataSourcesRepository {
  private readonly sources: OrgScopedTable<DataSource<SourceConfig>>;
  /** Rows with the encrypted config still attached; never returned outside this class. */
  private readonly sealed: OrgScopedTable<Row>;

  constructor(private readonly models: Models, private readonly secrets: SecretBox) {
    const scope = { entity: 'data source', project: 'optional', projects: models.projects, cached: true } as const;
    this.sources = new OrgScopedTable(models.dataSources, { ...scope, toRecord: (row) => this.toPublic(row) });
    this.sealed = new OrgScopedTable(models.dataSources, scope);
  }

  async create(ctx: RequestContext, input: NewDataSource): Promise<DataSource<SourceConfig>> {
    assertNonEmpty('name', input.name);
    const facts = factsFor(input.config);
    const type = input.type ?? facts.type;
    assertOneOf('type', type, DATA_SOURCE_TYPES);
    const dialect = input.dialect === undefined ? facts.dialect : input.dialect;
    if (dialect !== null) assertOneOf('dialect', dialect, DIALECTS);
    return this.sources.insert(ctx, {
      projectId: input.projectId ?? null,
      name: input.name.trim(),
      type,
      dialect,
      connectorType: input.config.type,
      configEncrypted: this.seal(input.config),
      status: 'new',
    });
  }

  async list(ctx: RequestContext, filter: { projectId?: string } = {}): Promise<DataSource<SourceConfig>[]> {
    const order = { order: [['name', 'ASC'], ['id', 'ASC']] as Array<[string, string]> };
    const byProject = filter.projectId ? { projectId: filter.projectId } : {};
    const usable = await this.usableIds(ctx);
    if (!usable) return this.sources.list(ctx, filter.projectId ? byProject : undefined, order);
    return this.sources.list(organizationWide(ctx), { ...byProject, id: [...usable] }, order);
  }

  /** The source with its secrets shown as '••••'. */
  async get(ctx: RequestContext, id: string): Promise<DataSource<SourceConfig>> {
    return this.sources.get(await this.readerFor(ctx, id), id);
  }

  /** Throws NotFoundError unless the caller may use this source. */
  async assertVisible(ctx: RequestContext, id: string): Promise<void> {
    await this.sealed.assertVisible(await this.readerFor(ctx, id), id);
  }

  /** Main process only: the decrypted connection config, for opening a connector. */
  async getConfig(ctx: RequestContext, id: string): Promise<SourceConfig> {
    const row = await this.sealed.get(await this.readerFor(ctx, id), id);
    return this.unseal(row.configEncrypted as string);
  }

  /**
   * The sources a non-admin may use, through the projects they work in: a project whose settings
   * name `sourceIds` uses exactly those (chosen by an administrator, possibly from other
   * projects); otherwise its own sources and the organization-wide ones. null: no restriction (admins).
   */
  private async usableIds(ctx: RequestContext): Promise<Set<string> | null> {
    if (ctx.role === 'admin') return null;
    const tables = [this.models.projects, this.models.dataSources].map(tableNameOf);
    const ids = await cachedRead(this.models.dataSources.sequelize, tables, ['usable sources', ctx.orgId, ctx.projectIds], () => this.readUsableIds(ctx));
    return new Set(ids);
  }

  private async readUsableIds(ctx: RequestContext): Promise<string[]> {
    const usable = new Set<string>();
    const [projects, sources] = await Promise.all([
      ctx.projectIds.length ? this.models.projects.findAll({ where: { organizationId: ctx.orgId, id: ctx.projectIds }, attributes: ['id', 'settings'] }) : [],
      this.models.dataSources.findAll({ where: { organizationId: ctx.orgId }, attributes: ['id', 'projectId'] }),
    ]);
    // Someone in no project still uses the organization-wide sources.
    if (projects.length === 0) for (const source of sources) if (source.get('projectId') === null) usable.add(source.get('id') as string);
    for (const project of projects) {
      const chosen = (project.get('settings') as { sourceIds?: unknown } | null)?.sourceIds;
      for (const source of sources) {
        const sourceProject = source.get('projectId') as string | null;
        const allowed = Array.isArray(chosen) ? chosen.includes(source.get('id')) : sourceProject === null || sourceProject === project.get('id');
        if (allowed) usable.add(source.get('id') as string);
      }
    }
    return [...usable];
  }

  /** The context to read one source with: the caller's own, widened to the organization when a
   *  project of theirs was given the source; NotFoundError when they may not use it. */
  private async readerFor(ctx: RequestContext, id: string): Promise<RequestContext> {
    const usable = await this.usableIds(ctx);
    if (!usable) return ctx;
    if (!usable.has(id)) throw new NotFoundError('data source', id);
    return organizationWide(ctx);
  }

  async update(ctx: RequestContext, id: string, patch: DataSourcePatch): Promise<DataSource<SourceConfig>> {
    if (patch.name !== undefined) assertNonEmpty('name', patch.name);
    const changes: Row = { name: patch.name?.trim(), projectId: patch.projectId };
    if (patch.config !== undefined) {
      const saved = await this.getConfig(ctx, id);
      const config = restoreRedactedSecrets(patch.config, saved);
      factsFor(config);
      Object.assign(changes, { configEncrypted: this.seal(config), connectorType: config.type });
    }
    return this.sources.update(ctx, id, changes);
  }

  /** Stores freshly introspected schema metadata (and its version hash). */
  async updateSchema(ctx: RequestContext, id: string, schema: SchemaInfo): Promise<DataSource<SourceConfig>> {
    return this.sources.update(ctx, id, { schemaMetadata: schema, schemaVersion: schema.version });
  }

  /** Stores the glossary / semantic model edited for this source. */
  async updateSemanticModel(ctx: RequestContext, id: string, semanticModel: JsonObject | null): Promise<DataSource<SourceConfig>> {
    return this.sources.update(ctx, id, { semanticModel });
  }

  async setStatus(ctx: RequestContext, id: string, status: DataSourceStatus, lastError: string | null = null): Promise<DataSource<SourceConfig>> {
    assertOneOf('status', status, DATA_SOURCE_STATUSES);
    return this.sources.update(ctx, id, { status, lastError });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.sources.remove(ctx, id);
  }

  private seal(config: SourceConfig): string {
    return this.secrets.encrypt(JSON.stringify(config));
  }

  private unseal(box: string): SourceConfig {
    return JSON.parse(this.secrets.decrypt(box)) as SourceConfig;
  }

  private toPublic(row: Row): DataSource<SourceConfig> {
    const { configEncrypted, ...rest } = row;
    return { ...rest, config: redactSecrets(this.unseal(configEncrypted as string)) } as unknown as DataSource<SourceConfig>;
  }
}

/** Reads across the organization's projects; only after usableIds decided what the caller may use. */
function organizationWide(ctx: RequestContext): RequestContext {
  return { ...ctx, role: 'admin' };
}

function factsFor(config: SourceConfig | undefined): { type: DataSourceType; dialect: Dialect | null } {
  const connector = config && typeof config === 'object' ? (config as { type?: unknown }).type : undefined;
  const facts = typeof connector === 'string' ? CONNECTOR_FACTS[connector] : undefined;
  if (!facts) {
    throw new StoreInputError('config.type', `config.type must be one of ${Object.keys(CONNECTOR_FACTS).join(', ')}; got "${String(connector)}".`);
  }
  return facts;
}
