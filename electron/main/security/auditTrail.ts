import type { RequestContext } from '../../../shared/types/auth';
import { systemContext } from '../../../shared/types/auth';
import type { Logger } from '../logging';
import type { AuditEvent, Store } from '../store';
import { AUDIT_ANCHOR_FILE, AnchorFileError, AuditAnchorFile } from './auditAnchor';
import { AuditCheckpointLog, CheckpointFileError, readCheckpointFile, type AuditCheckpoint } from './auditCheckpoints';
import { auditEventsToCsv } from './auditExport';
import { AuditKeyError, AuditSigner } from './auditSigningKey';
import { checkWitnessConfig, witnessSinks, type AuditWitnessConfig } from './auditWitness';
import type { SecretBox } from './secrets';

export type AuditVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | null; checkpoints: number; lastCheckpointSeq: number | null }
  | { ok: false; brokenAtSeq: number | null; reason: string; checkpoints: number };

export type AuditExportFormat = 'csv' | 'json';

export interface AuditTrailOptions {
  dataDir: string;
  /** The secret store that keeps the signing key (OS keychain on the desktop, key file in server mode). */
  secrets: SecretBox;
  logger?: Logger;
  witness?: AuditWitnessConfig;
}

/** A head the trail must still contain: the anchor, a signed checkpoint, or a witnessed one. */
interface RecordedHead {
  seq: number;
  hash: string;
  by: string;
}

const EXPORT_PAGE = 1000;

/**
 * The organization's audit trail as a compliance feature: verification of the hash chain against
 * the anchor (event count and head hash after every append) and signed checkpoints, all kept
 * outside the events table, periodic checkpoints with optional external witnesses, and export.
 */
export class AuditTrail {
  private readonly checkpoints: AuditCheckpointLog;
  private readonly anchor: AuditAnchorFile;
  private readonly signer: AuditSigner;
  private readonly witnessFile: string | undefined;
  private readonly logger: Logger | undefined;
  /** Organizations seen since start; the timer checkpoints their chains. */
  private readonly activeOrgs = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly store: Store, options: AuditTrailOptions) {
    const witness = options.witness ?? {};
    checkWitnessConfig(options.dataDir, witness);
    this.logger = options.logger;
    this.signer = new AuditSigner(options.dataDir, options.secrets);
    this.checkpoints = new AuditCheckpointLog(options.dataDir, this.signer, witnessSinks(witness));
    this.anchor = new AuditAnchorFile(options.dataDir, this.signer);
    this.witnessFile = witness.file;
    store.audit.onBatchCommitted((events) => this.advanceAnchor(events));
  }

  /** A deleted organization: no more checkpoints, and its signed ones and its anchor are removed. */
  async forgetOrganization(orgId: string): Promise<void> {
    this.activeOrgs.delete(orgId);
    this.checkpoints.removeOrganization(orgId);
    await this.anchor.removeOrganization(orgId);
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
    await this.anchor.advance([[ctx.orgId, head]]);
    return this.checkpoints.append(ctx.orgId, head);
  }

  /** Checkpoints every active organization every `intervalMs` (timer does not keep the process alive). */
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

  /**
   * Recomputes the chain and checks it against the anchor and every signed checkpoint (local and
   * witnessed). The anchor is required once the organization has events: without it, deleting
   * the newest events could not be told from a shorter trail.
   */
  async verify(ctx: RequestContext): Promise<AuditVerdict> {
    let recorded: RecordedHead[];
    let checkpointCount = 0;
    let latestCheckpoint: AuditCheckpoint | undefined;
    let anchored = false;
    try {
      const local = this.checkpoints.read(ctx.orgId);
      const witnessed = this.witnessFile ? readCheckpointFile(this.witnessFile, ctx.orgId, this.signer) : [];
      const anchor = this.anchor.read(ctx.orgId);
      anchored = anchor !== null;
      checkpointCount = local.length;
      latestCheckpoint = local.at(-1);
      recorded = [
        ...(anchor ? [{ seq: anchor.seq, hash: anchor.hash, by: `the anchor (${AUDIT_ANCHOR_FILE}, updated ${anchor.at})` }] : []),
        ...local.map((c) => ({ seq: c.seq, hash: c.hash, by: `the checkpoint signed at ${c.at}` })),
        ...witnessed.map((c) => ({ seq: c.seq, hash: c.hash, by: `the witnessed checkpoint signed at ${c.at}` })),
      ];
    } catch (error) {
      if (error instanceof CheckpointFileError || error instanceof AnchorFileError || error instanceof AuditKeyError) {
        return { ok: false, brokenAtSeq: null, reason: error.message, checkpoints: 0 };
      }
      throw error;
    }
    const fail = (brokenAtSeq: number | null, reason: string): AuditVerdict => ({ ok: false, brokenAtSeq, reason, checkpoints: checkpointCount });
    const chain = await this.store.audit.verify(ctx);
    if (!chain.ok) return fail(chain.brokenAtSeq, chain.reason);
    if (chain.count > 0 && !anchored) {
      return fail(null, `The audit anchor (${AUDIT_ANCHOR_FILE} in the data folder) has no record of this organization's ${chain.count} events: it was deleted or replaced, so deleted newest events would go unnoticed. Restore the file from a backup.`);
    }
    const furthest = recorded.reduce<RecordedHead | undefined>((best, head) => (!best || head.seq > best.seq ? head : best), undefined);
    if (furthest && furthest.seq > chain.count) {
      return fail(chain.count + 1, `The newest events were deleted (truncated trail): ${furthest.by} records ${furthest.seq} events, the store holds ${chain.count}.`);
    }
    for (const head of recorded.sort((a, b) => a.seq - b.seq)) {
      const [event] = await this.store.audit.list(ctx, { afterSeq: head.seq - 1, limit: 1 });
      if (!event || event.seq !== head.seq || event.hash !== head.hash) {
        return fail(head.seq, `The chain was rewritten: event ${head.seq} no longer has the hash recorded by ${head.by} (events were edited, replaced or reordered and the later hashes recomputed).`);
      }
    }
    return { ok: true, count: chain.count, head: chain.head, checkpoints: checkpointCount, lastCheckpointSeq: latestCheckpoint?.seq ?? null };
  }

  /** A committed batch moves each organization's anchor to its newest head, on disk before any
   *  of the batch's appenders resume. */
  private async advanceAnchor(events: AuditEvent[]): Promise<void> {
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const event of events) heads.set(event.organizationId, { seq: event.seq, hash: event.hash });
    try {
      await this.anchor.advance(heads);
    } catch (error) {
      this.logger?.error('audit.anchor_failed', { orgIds: [...heads.keys()], error });
    }
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
