import type { RequestContext } from '../../../shared/types/auth';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { SourceConfigInput, SourceView } from '../../../shared/api/domains/sources';
import { ConnectorError, type Connector, type SourceConfig } from '../connectors/types';
import { createConnector } from '../connectors/registry';
import type { Store } from '../store';
import type { DataSource, JsonObject } from '../store/types';
import { restoreRedactedSecrets } from '../store/redaction';

export interface ConnectionTestResult {
  ok: boolean;
  code?: string;
  message: string;
  hint?: string;
  tables?: number;
}

/** Data sources: saved connection settings (secrets encrypted by the store), schema metadata and
 *  one live connector per source, reused across queries and closed on removal. */
export class SourcesService {
  private readonly live = new Map<string, { connector: Connector; orgId: string }>();

  constructor(private readonly store: Store, private readonly connect: (config: SourceConfig) => Connector = createConnector) {}

  async list(ctx: RequestContext, projectId?: string): Promise<SourceView[]> {
    const rows = await this.store.dataSources.list(ctx, projectId ? { projectId } : undefined);
    return rows.map(toView);
  }

  async get(ctx: RequestContext, id: string): Promise<SourceView> {
    return toView(await this.store.dataSources.get(ctx, id));
  }

  async record(ctx: RequestContext, id: string): Promise<DataSource> {
    return this.store.dataSources.get(ctx, id);
  }

  async test(config: SourceConfig): Promise<ConnectionTestResult> {
    const connector = this.connect(config);
    try {
      await connector.test();
      const schema = await connector.introspect({ distinctValueCap: 0 }).catch(() => null);
      return { ok: true, message: schema ? `Connected: ${schema.tables.length} tables found.` : 'Connected.', tables: schema?.tables.length };
    } catch (error) {
      if (error instanceof ConnectorError) return { ok: false, code: error.code, message: error.message, hint: error.hint };
      return { ok: false, code: 'QUERY_FAILED', message: error instanceof Error ? error.message : String(error) };
    } finally {
      await connector.close().catch(() => undefined);
    }
  }

  /** Tests with the stored secrets filled in where the request sends the masked placeholder. */
  async testWithStoredSecrets(ctx: RequestContext, config: SourceConfigInput, id?: string): Promise<ConnectionTestResult> {
    const full = id ? restoreRedactedSecrets(config, await this.store.dataSources.getConfig(ctx, id)) : config;
    return this.test(full as SourceConfig);
  }

  async create(ctx: RequestContext, input: { projectId: string; name: string; config: SourceConfigInput; semanticModel?: JsonObject }): Promise<SourceView> {
    const config = input.config as SourceConfig;
    const connector = this.connect(config);
    try {
      const schema = await connector.introspect();
      const created = await this.store.dataSources.create(ctx, { projectId: input.projectId, name: input.name, config, dialect: connector.dialect });
      await this.store.dataSources.updateSchema(ctx, created.id, schema);
      if (input.semanticModel) await this.store.dataSources.updateSemanticModel(ctx, created.id, input.semanticModel);
      const row = await this.store.dataSources.setStatus(ctx, created.id, 'ready');
      this.live.set(row.id, { connector, orgId: ctx.orgId });
      return toView(row);
    } catch (error) {
      await connector.close().catch(() => undefined);
      throw error;
    }
  }

  async update(ctx: RequestContext, id: string, patch: { name?: string; config?: SourceConfigInput }): Promise<SourceView> {
    if (!patch.config) return toView(await this.store.dataSources.update(ctx, id, { name: patch.name }));
    const config = restoreRedactedSecrets(patch.config as SourceConfig, await this.store.dataSources.getConfig(ctx, id));
    const connector = this.connect(config);
    const schema = await connector.introspect().catch(async (error) => {
      await connector.close().catch(() => undefined);
      throw error;
    });
    await this.dropLive(id);
    await this.store.dataSources.update(ctx, id, { name: patch.name, config });
    await this.store.dataSources.updateSchema(ctx, id, schema);
    const row = await this.store.dataSources.setStatus(ctx, id, 'ready');
    this.live.set(id, { connector, orgId: ctx.orgId });
    return toView(row);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.store.dataSources.delete(ctx, id);
    await this.dropLive(id);
  }

  async schema(ctx: RequestContext, id: string, refresh = false): Promise<SchemaInfo> {
    const row = await this.store.dataSources.get(ctx, id);
    if (row.schemaMetadata && !refresh) return row.schemaMetadata;
    const schema = await (await this.connector(ctx, id)).introspect();
    await this.store.dataSources.updateSchema(ctx, id, schema);
    await this.store.dataSources.setStatus(ctx, id, 'ready');
    return schema;
  }

  async setSemanticModel(ctx: RequestContext, id: string, semanticModel: JsonObject | null): Promise<SourceView> {
    return toView(await this.store.dataSources.updateSemanticModel(ctx, id, semanticModel));
  }

  /** The live connector of a source the caller may use (checked through the store's scoping). */
  async connector(ctx: RequestContext, id: string): Promise<Connector> {
    const existing = this.live.get(id);
    if (existing && existing.orgId === ctx.orgId) {
      await this.store.dataSources.get(ctx, id); // re-checks project membership for this caller
      return existing.connector;
    }
    const config = (await this.store.dataSources.getConfig(ctx, id)) as unknown as SourceConfig;
    const connector = this.connect(config);
    this.live.set(id, { connector, orgId: ctx.orgId });
    return connector;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.dropLive(id)));
  }

  private async dropLive(id: string): Promise<void> {
    const entry = this.live.get(id);
    this.live.delete(id);
    await entry?.connector.close().catch(() => undefined);
  }
}

export function toView(row: DataSource): SourceView {
  return {
    id: row.id,
    name: row.name,
    projectId: row.projectId ?? '',
    kind: row.type,
    dialect: row.dialect ?? 'sqlite',
    config: row.config as Record<string, unknown>,
    status: row.status === 'ready' ? 'ready' : row.status === 'error' ? 'error' : 'unknown',
    lastError: row.lastError,
    schemaVersion: row.schemaVersion,
    hasGlossary: Boolean(row.semanticModel),
    createdAt: row.createdAt,
  };
}
