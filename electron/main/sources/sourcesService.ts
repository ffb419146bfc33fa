import type { RequestContext } from '../../../shared/types/auth';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { SourceConfigInput, SourceView } from '../../../shared/api/domains/sources';
import { ConnectorError, type Connector, type QueryOptions, type SourceConfig } from '../connectors/types';
import { DEFAULT_PLAN_LIMITS, tightestPlanLimits, type PlanLimits } from '../connectors/postgres/plan-estimate';
import { queryCostLimits } from '../../../shared/types/tenant';
import { ConnectorPool } from '../connectors/pool';
import { createConnector } from '../connectors/registry';
import type { OutboundPolicy } from '../security/outboundAddresses';
import { assertSecretsStayWithDestination } from '../security/secretDestinations';
import type { Store } from '../store';
import type { DataSource, JsonObject } from '../store/types';
import { restoreRedactedSecrets } from '../store/redaction';
import { checkSourceLocation, type SourceLocationRules } from '../security/sourceLocations';

export interface ConnectionTestResult {
  ok: boolean;
  code?: string;
  message: string;
  hint?: string;
  tables?: number;
}

export interface SourcesOptions extends SourceLocationRules {
  /** Statement timeout for every source query that does not set its own (default 30 s). */
  queryTimeoutMs?: number;
  /** Internal addresses REST sources may reach (default: public addresses only). */
  outbound?: OutboundPolicy;
  /** Server-wide PostgreSQL planner limits (AISER_PG_MAX_*); each organization may tighten them. */
  planLimits?: PlanLimits;
}

/** Data sources: saved connection settings (secrets encrypted by the store), schema metadata and
 *  one live connector per source (the pool), reused across queries and closed on edit/removal. */
export class SourcesService {
  private readonly pool: ConnectorPool;
  private readonly connect: (config: SourceConfig) => Connector;

  constructor(
    private readonly store: Store,
    private readonly locations: SourcesOptions,
    connect?: (config: SourceConfig) => Connector,
  ) {
    this.connect = connect ?? ((config) => createConnector(config, { outbound: locations.outbound }));
    this.pool = new ConnectorPool({ create: this.connect });
  }

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
    const full = id ? await this.withSavedSecrets(ctx, id, config) : config;
    checkSourceLocation(ctx, full, this.locations);
    return this.test(full as SourceConfig);
  }

  async create(ctx: RequestContext, input: { projectId: string; name: string; config: SourceConfigInput; semanticModel?: JsonObject }): Promise<SourceView> {
    const config = input.config as SourceConfig;
    checkSourceLocation(ctx, config, this.locations);
    const connector = this.connect(config);
    try {
      const schema = await connector.introspect();
      const created = await this.store.dataSources.create(ctx, { projectId: input.projectId, name: input.name, config, dialect: connector.dialect });
      await this.store.dataSources.updateSchema(ctx, created.id, schema);
      if (input.semanticModel) await this.store.dataSources.updateSemanticModel(ctx, created.id, input.semanticModel);
      return toView(await this.store.dataSources.setStatus(ctx, created.id, 'ready'));
    } finally {
      await connector.close().catch(() => undefined);
    }
  }

  async update(ctx: RequestContext, id: string, patch: { name?: string; config?: SourceConfigInput }): Promise<SourceView> {
    if (!patch.config) return toView(await this.store.dataSources.update(ctx, id, { name: patch.name }));
    const config = await this.withSavedSecrets(ctx, id, patch.config) as SourceConfig;
    checkSourceLocation(ctx, config, this.locations);
    const connector = this.connect(config);
    const schema = await connector.introspect().finally(() => connector.close().catch(() => undefined));
    await this.pool.invalidate(id);
    await this.store.dataSources.update(ctx, id, { name: patch.name, config });
    await this.store.dataSources.updateSchema(ctx, id, schema);
    return toView(await this.store.dataSources.setStatus(ctx, id, 'ready'));
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.store.dataSources.delete(ctx, id);
    await this.pool.invalidate(id);
  }

  async schema(ctx: RequestContext, id: string, refresh = false): Promise<SchemaInfo> {
    const row = await this.store.dataSources.get(ctx, id);
    if (row.schemaMetadata && !refresh) return row.schemaMetadata;
    const schema = await this.withConnector(ctx, id, (connector) => connector.introspect());
    await this.store.dataSources.updateSchema(ctx, id, schema);
    await this.store.dataSources.setStatus(ctx, id, 'ready');
    return schema;
  }

  async setSemanticModel(ctx: RequestContext, id: string, semanticModel: JsonObject | null): Promise<SourceView> {
    return toView(await this.store.dataSources.updateSemanticModel(ctx, id, semanticModel));
  }

  /** Runs `work` with the live connector of a source the caller may use (the store's scoping
   *  decides; the decrypted settings never leave main). */
  async withConnector<T>(ctx: RequestContext, id: string, work: (connector: Connector) => Promise<T>): Promise<T> {
    const config = await this.store.dataSources.getConfig(ctx, id);
    // Again at every use: a file may have been swapped for a link since the source was saved.
    checkSourceLocation(ctx, config, this.locations);
    return this.pool.use(id, config, (connector) => work(withDefaults(connector, this.locations.queryTimeoutMs, () => this.planLimitsFor(ctx))));
  }

  /** The server's planner limits tightened by the caller's organization (read at every query, so
   *  an administrator's change applies to the next one). */
  private async planLimitsFor(ctx: RequestContext): Promise<PlanLimits> {
    const org = await this.store.organizations.get(ctx);
    const own = queryCostLimits(org.settings);
    return tightestPlanLimits(this.locations.planLimits ?? DEFAULT_PLAN_LIMITS, { maxTotalCost: own.maxPlanCost, maxStepRows: own.maxStepRows });
  }

  /** The edited settings with saved secrets put back where the placeholder was left — only
   *  while they still go to the address they were entered for. */
  private async withSavedSecrets(ctx: RequestContext, id: string, edited: SourceConfigInput): Promise<SourceConfigInput> {
    const saved = await this.store.dataSources.getConfig(ctx, id);
    assertSecretsStayWithDestination(edited as Record<string, unknown>, saved as Record<string, unknown>);
    return restoreRedactedSecrets(edited, saved);
  }

  async dispose(): Promise<void> {
    await this.pool.closeAll();
  }
}

/** The connector with the server's statement timeout, and on PostgreSQL the planner limits,
 *  applied to queries that set none. */
function withDefaults(connector: Connector, timeoutMs: number | undefined, planLimits: () => Promise<PlanLimits>): Connector {
  const defaults = timeoutMs ? { timeoutMs } : {};
  const query = connector.dialect === 'postgres'
    ? async function* (sql: string, options: QueryOptions = {}) {
      yield* connector.query(sql, { ...defaults, ...options, planLimits: options.planLimits ?? await planLimits() });
    }
    : (sql: string, options: QueryOptions = {}) => connector.query(sql, { ...defaults, ...options });
  return {
    type: connector.type,
    dialect: connector.dialect,
    test: () => connector.test(),
    introspect: (options) => connector.introspect(options),
    query,
    ...(connector.securityWarnings ? { securityWarnings: () => connector.securityWarnings!() } : {}),
    ...(connector.dataVersion ? { dataVersion: () => connector.dataVersion!() } : {}),
    close: () => connector.close(),
  };
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
