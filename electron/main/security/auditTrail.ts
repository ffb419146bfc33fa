import type { RequestContext } from '../../../shared/types/auth';
import { systemContext } from '../../../shared/types/auth';
import type { Logger } from '../logging';
import type { AuditEvent, Store } from '../store';
import { AuditCheckpointLog, CheckpointFileError, type AuditCheckpoint } from './auditCheckpoints';
import { auditEventsToCsv } from './auditExport';

export type AuditVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | null; checkpoints: number; lastCheckpointSeq: number | null }
  | { ok: false; brokenAtSeq: number | null; reason: string; checkpoints: number };

export type AuditExportFormat = 'csv' | 'json';

const EXPORT_PAGE = 1000;

/**
 * The organization's audit trail as a compliance feature: verification of the hash chain against
 * signed checkpoints, periodic checkpoints, and CSV/JSON export.
 */
export class AuditTrail {
  private readonly checkpoints: AuditCheckpointLog;
  /** Organizations seen since start; the timer checkpoints their chains. */
  private readonly activeOrgs = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly store: Store, dataDir: string, private readonly logger?: Logger) {
    this.checkpoints = new AuditCheckpointLog(dataDir);
  }

  /** A deleted organization: no more checkpoints, and its signed ones are removed. */
  forgetOrganization(orgId: string): void {
    this.activeOrgs.delete(orgId);
    this.checkpoints.removeOrganization(orgId);
  }

  noteActivity(orgId: string): void {
    this.activeOrgs.add(orgId);
  }

  /** Signs the current chain head unless it is already the latest checkpoint. Returns it (or null: empty chain). */
  async checkpoint(ctx: RequestContext): Promise<AuditCheckpoint | null> {
    const head = await this.store.audit.head(ctx);
    if (!head) return null;
    const latest = this.checkpoints.latest(ctx.orgId);
    if (latest && latest.seq === head.seq && latest.hash === head.hash) return latest;
    return this.checkpoints.append(ctx.orgId, head);
  }

  /** Checkpoints every active organization now, then every `intervalMs` (timer does not keep the process alive). */
  startPeriodicCheckpoints(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.checkpointActive(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async checkpointActive(): Promise<void> {
    for (const orgId of this.activeOrgs) {
      try {
        await this.checkpoint(systemContext(orgId));
      } catch (error) {
        this.logger?.error('audit.checkpoint_failed', { orgId, error });
      }
    }
  }

  /** Recomputes the chain and checks it against every signed checkpoint of the organization. */
  async verify(ctx: RequestContext): Promise<AuditVerdict> {
    let checkpoints: AuditCheckpoint[];
    try {
      checkpoints = this.checkpoints.read(ctx.orgId);
    } catch (error) {
      if (error instanceof CheckpointFileError) return { ok: false, brokenAtSeq: null, reason: error.message, checkpoints: 0 };
      throw error;
    }
    const latest = checkpoints.at(-1);
    const chain = await this.store.audit.verify(ctx, latest ? { seq: latest.seq, hash: latest.hash } : undefined);
    if (!chain.ok) return { ok: false, brokenAtSeq: chain.brokenAtSeq, reason: chain.reason, checkpoints: checkpoints.length };
    for (const checkpoint of checkpoints.slice(0, -1)) {
      const [event] = await this.store.audit.list(ctx, { afterSeq: checkpoint.seq - 1, limit: 1 });
      if (!event || event.seq !== checkpoint.seq || event.hash !== checkpoint.hash) {
        return { ok: false, brokenAtSeq: checkpoint.seq, reason: `Audit event ${checkpoint.seq} differs from the checkpoint signed at ${checkpoint.at}.`, checkpoints: checkpoints.length };
      }
    }
    return { ok: true, count: chain.count, head: chain.head, checkpoints: checkpoints.length, lastCheckpointSeq: latest?.seq ?? null };
  }

  /** Every event of the organization, oldest first. */
  async allEvents(ctx: RequestContext): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (;;) {
      const page = await this.store.audit.list(ctx, { afterSeq: events.at(-1)?.seq ?? 0, limit: EXPORT_PAGE });
      events.push(...page);
      if (page.length < EXPORT_PAGE) return events;
    }
  }

  /** The full trail as CSV or JSON (JSON includes the verification verdict). */
  async export(ctx: RequestContext, format: AuditExportFormat): Promise<{ content: string; count: number }> {
    const events = await this.allEvents(ctx);
    if (format === 'csv') return { content: auditEventsToCsv(events), count: events.length };
    const verification = await this.verify(ctx);
    return { content: `${JSON.stringify({ organizationId: ctx.orgId, exportedAt: new Date().toISOString(), verification, events }, null, 2)}\n`, count: events.length };
  }
}
