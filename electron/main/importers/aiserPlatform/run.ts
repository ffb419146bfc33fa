import { randomUUID } from 'node:crypto';
import { systemContext, type RequestContext } from '../../../../shared/types/auth';
import { ConflictError, NotFoundError, StoreInputError, type Store } from '../../store';
import type { ImportMapping } from '../../store/repositories/importMappings';
import type { PlatformRow } from './schema';

export const IMPORT_ENTITIES = [
  'organizations', 'projects', 'users', 'user_sessions', 'data_sources', 'widgets', 'dashboards', 'dashboard_widgets',
  'conversations', 'messages',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export interface EntityCounts {
  /** Rows read from the platform. */
  read: number;
  /** Rows created here in this run (in a dry run: that would be created). */
  imported: number;
  /** Rows an earlier run already imported. */
  alreadyImported: number;
  skipped: number;
}

export interface SkippedRow {
  entity: ImportEntity;
  sourceId: string;
  label: string | null;
  reason: string;
}

export interface ImportReport {
  origin: string;
  dryRun: boolean;
  counts: Record<ImportEntity, EntityCounts>;
  skipped: SkippedRow[];
  /** Things the people who use the imported data must know (e.g. passwords to reset). */
  notes: string[];
}

/** One import: the report being built and the platform id → new id mappings (earlier runs' and
 *  this run's). In a dry run nothing is written; new rows get placeholder ids so later entities
 *  can still resolve their references and the report is the same as a real run's. */
export class ImportRun {
  readonly report: ImportReport;

  private constructor(
    readonly store: Store,
    readonly dryRun: boolean,
    private readonly mappings: Map<string, ImportMapping>,
    origin: string,
  ) {
    const counts = Object.fromEntries(IMPORT_ENTITIES.map((entity) => [entity, { read: 0, imported: 0, alreadyImported: 0, skipped: 0 }]));
    this.report = { origin, dryRun, counts: counts as Record<ImportEntity, EntityCounts>, skipped: [], notes: [] };
  }

  static async start(store: Store, origin: string, dryRun: boolean): Promise<ImportRun> {
    return new ImportRun(store, dryRun, await store.importMappings.unscopedListForOrigin(origin), origin);
  }

  /** The new id of an imported platform row, or null. */
  targetOf(entity: ImportEntity, sourceKey: string | null): string | null {
    return sourceKey === null ? null : this.mappings.get(`${entity}:${sourceKey}`)?.targetId ?? null;
  }

  /** The organization the imported row landed in. */
  orgOf(entity: ImportEntity, sourceKey: string | null): string | null {
    return sourceKey === null ? null : this.mappings.get(`${entity}:${sourceKey}`)?.organizationId ?? null;
  }

  read(entity: ImportEntity, count: number): void {
    this.report.counts[entity].read += count;
  }

  /** True (and counted) when an earlier run already imported this row. */
  alreadyImported(entity: ImportEntity, sourceKey: string): boolean {
    if (!this.mappings.has(`${entity}:${sourceKey}`)) return false;
    this.report.counts[entity].alreadyImported += 1;
    return true;
  }

  skip(entity: ImportEntity, row: PlatformRow | string, label: string | null, reason: string): void {
    const sourceId = typeof row === 'string' ? row : String(row.id);
    this.report.counts[entity].skipped += 1;
    this.report.skipped.push({ entity, sourceId, label, reason });
  }

  /** Creates the row (unless dry run) and remembers its new id; a row the store refuses (invalid,
   *  conflicting) is skipped with the store's reason and yields null. `orgId` null: the row is
   *  an organization itself. */
  async create(entity: ImportEntity, sourceKey: string, label: string | null, orgId: string | null, write: () => Promise<{ id: string }>): Promise<string | null> {
    let targetId: string;
    try {
      targetId = this.dryRun ? `dry-run-${randomUUID()}` : (await write()).id;
    } catch (error) {
      if (!(error instanceof StoreInputError || error instanceof ConflictError || error instanceof NotFoundError)) throw error;
      this.skip(entity, sourceKey, label, error.message);
      return null;
    }
    const mapping = { organizationId: orgId ?? targetId, entity, sourceKey, targetId };
    if (!this.dryRun) await this.store.importMappings.unscopedRemember(this.report.origin, mapping);
    this.mappings.set(`${entity}:${sourceKey}`, mapping);
    this.report.counts[entity].imported += 1;
    return targetId;
  }

  /** Acts as an administrator of the organization, or as one of its people when rows are personal. */
  contextFor(orgId: string, userId?: string | null): RequestContext {
    return { ...systemContext(orgId), ...(userId ? { userId } : {}) };
  }

  note(text: string): void {
    this.report.notes.push(text);
  }
}
