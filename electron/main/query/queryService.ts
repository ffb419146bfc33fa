import type { QueryEvent, QueryResult } from '../../../shared/api/domains/query';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import type { DataPolicies } from '../security/dataPolicies';
import type { ColumnMaskSetting } from '../security/masking';
import type { MaskingKeys } from '../security/maskingKeys';
import type { SourcesService } from '../sources/sourcesService';
import type { Store } from '../store';
import { NotFoundError } from '../store';
import { metrics, secondsSince } from '../observability/metrics';
import { executeGuarded } from './executeGuarded';
import { protectedColumns } from './protectedColumns';

export const DEFAULT_MAX_ROWS = 10_000;
const MISSING_OBJECT = /no such (table|column)|does not exist|doesn't exist|unknown (table|column)|catalog error|binder error|referenced column .* not found/i;

/** A failure the source's changed structure would explain: a table the stored schema does not
 *  know, or an object the database says is missing. */
function looksLikeStaleSchema(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string } | null;
  if (e?.name === 'SqlGuardError') return e.code === 'SQL_FORBIDDEN_TABLE';
  return e?.name === 'ConnectorError' && MISSING_OBJECT.test(e.message ?? '');
}
export const MAX_ROWS_LIMIT = 100_000;
/** Where the person running the SQL also wrote it: only there is using masked personal data in a
 *  filter or calculation their attempt (chat SQL is the engine's, widget SQL its author's, and a
 *  policy preview is an administrator checking a role). */
const AUTHORED_ORIGINS: ReadonlySet<string> = new Set(['sql-editor', 'cli', 'export']);

export interface RunOptions {
  maxRows?: number;
  signal?: AbortSignal;
  onEvent?: (event: QueryEvent) => void;
  /** Where the SQL came from, for the audit trail. */
  origin?: 'sql-editor' | 'chat' | 'dashboard' | 'cli' | 'preview' | 'export' | 'policy-preview';
  /** Who actually ran it when an administrator previews as someone else (the run's `ctx`):
   *  lineage and the audit trail name this person; policies and masking follow `ctx`. */
  actor?: RequestContext;
}

/** Runs SQL on a saved source for a caller, then records lineage and an audit event.
 *  Nothing of the rows is stored; only lineage metadata is. */
export class QueryService {
  constructor(
    private readonly store: Store,
    private readonly sources: SourcesService,
    private readonly policies: DataPolicies | undefined,
    private readonly maskingKeys: MaskingKeys,
  ) {}

  /** Runs the SQL; when it fails because the source changed since its schema was read (a new or
   *  dropped table or column), reads the schema again and retries once. */
  async run(ctx: RequestContext, sourceId: string, sql: string, options: RunOptions = {}): Promise<QueryResult> {
    const started = performance.now();
    try {
      const result = await this.runWithSchemaRefresh(ctx, sourceId, sql, options);
      metrics.queries.inc({ org: ctx.orgId, outcome: 'ok' });
      return result;
    } catch (error) {
      metrics.queries.inc({ org: ctx.orgId, outcome: options.signal?.aborted ? 'cancelled' : 'error' });
      throw error;
    } finally {
      metrics.queryDuration.observe(secondsSince(started));
    }
  }

  private async runWithSchemaRefresh(ctx: RequestContext, sourceId: string, sql: string, options: RunOptions): Promise<QueryResult> {
    try {
      return await this.runOnce(ctx, sourceId, sql, options);
    } catch (error) {
      if (!looksLikeStaleSchema(error) || options.signal?.aborted) throw error;
      const before = (await this.sources.record(ctx, sourceId)).schemaVersion;
      const after = await this.sources.schema(ctx, sourceId, true).catch(() => null);
      if (!after || after.version === before) throw error;
      return this.runOnce(ctx, sourceId, sql, options);
    }
  }

  private async runOnce(ctx: RequestContext, sourceId: string, sql: string, options: RunOptions): Promise<QueryResult> {
    const source = await this.sources.record(ctx, sourceId);
    const schema = source.schemaMetadata;
    const actor = options.actor ?? ctx;
    const policies = this.policies ? await this.policies.forQuery(ctx, sourceId) : { rowPolicies: [], columnStyles: new Map<string, ColumnMaskSetting>() };
    const seesPii = roleHas(ctx.role, 'pii:see');
    const protectedCols = protectedColumns(source, schema, policies.columnStyles);
    const masking = seesPii ? null : { tables: protectedCols.tables, key: this.maskingKeys.forOrganization(ctx.orgId) };
    const result = await this.sources.withConnector(ctx, sourceId, (connector) => executeGuarded({
      connector,
      dialect: source.dialect ?? 'sqlite',
      sql,
      ctx,
      maxRows: Math.min(options.maxRows ?? DEFAULT_MAX_ROWS, MAX_ROWS_LIMIT),
      allowedTables: schema ? new Set(schema.tables.map((t) => t.name.toLowerCase())) : null,
      masking,
      columnStyles: protectedCols.resultStyles,
      rowPolicies: policies.rowPolicies,
      signal: options.signal,
      onEvent: options.onEvent,
      sourceLabel: source.name,
      lineage: { sourceId, sink: { record: (entry) => this.store.lineage.record(actor, { ...entry, userId: actor.userId, sourceId }).then(() => undefined) } },
    }));
    const { tables, columnsRead, protectedUses, ...shown } = result;
    const facts = { sqlHash: result.sqlHash, tables, columns: columnsRead, rowCount: result.rowCount, durationMs: result.durationMs };
    const viewedAs: Record<string, string> = options.actor ? { viewedAsRole: ctx.role, viewedAsUser: ctx.userId } : {};
    const origin = options.origin ?? 'sql-editor';
    await this.store.audit.append(actor, { action: 'query.run', target: sourceId, details: { origin, ...viewedAs, ...facts } });
    if (protectedUses.length && AUTHORED_ORIGINS.has(origin)) {
      await this.store.audit.append(actor, { action: 'query.pii_probe', target: sourceId, details: { origin, columns: protectedUses, sqlHash: result.sqlHash } });
    }
    return shown;
  }

  /** Identifies the row policies and masking that apply to this caller on this source (for caches). */
  async policyFingerprint(ctx: RequestContext, sourceId: string): Promise<string> {
    return this.policies ? this.policies.fingerprint(ctx, sourceId) : 'none';
  }

  async preview(ctx: RequestContext, sourceId: string, table: string, limit = 100, options: Pick<RunOptions, 'actor' | 'origin'> = {}): Promise<QueryResult> {
    const source = await this.sources.record(ctx, sourceId);
    const known = source.schemaMetadata?.tables.find((t) => t.name.toLowerCase() === table.toLowerCase());
    if (!known) throw new NotFoundError('table', table);
    const quote = source.dialect === 'mysql' ? '`' : '"';
    const name = `${quote}${known.name.split(quote).join(quote + quote)}${quote}`;
    return this.run(ctx, sourceId, `SELECT * FROM ${name}`, { maxRows: limit, origin: 'preview', ...options });
  }
}
