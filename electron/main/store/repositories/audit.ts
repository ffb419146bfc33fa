import { createHash } from 'node:crypto';
import { Op, Transaction, type Sequelize, type WhereOptions } from 'sequelize';
import type { RequestContext } from '../../../../shared/types/auth';
import { canonicalJson } from '../canonicalJson';
import { StoreInputError, assertNonEmpty } from '../errors';
import { allFinished } from '../allFinished';
import { BatchQueue } from '../batchQueue';
import type { Models } from '../models';
import { OrgScopedTable, toDate } from '../scoped';
import type { AuditEvent, JsonObject } from '../types';

export interface NewAuditEvent {
  action: string;
  target?: string | null;
  details?: JsonObject;
  /** Defaults to the caller (`ctx.userId`). */
  actorId?: string;
  at?: Date | string;
}

export type AuditVerification =
  | { ok: true; count: number; head: AuditHead | null }
  | { ok: false; brokenAtSeq: number; reason: string };

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The chain starts from this value, so the first event also commits to a known predecessor. */
export const GENESIS_HASH = '0'.repeat(64);
const VERIFY_BATCH = 1000;
/** Most events written in one transaction (a burst beyond it takes several commits). */
const MAX_BATCH = 256;

type PendingFields = Omit<AuditEvent, 'id' | 'hash' | 'prevHash' | 'seq'>;

interface PendingAppend {
  ctx: RequestContext;
  fields: PendingFields;
}

/** What an event's hash commits to: everything except its own id and hash. */
export function auditEventHash(prevHash: string, event: Omit<AuditEvent, 'id' | 'hash' | 'prevHash'>): string {
  const { organizationId, seq, at, actorId, action, target, details } = event;
  return createHash('sha256').update(prevHash + canonicalJson({ organizationId, seq, at, actorId, action, target, details })).digest('hex');
}

/** Append-only, tamper-evident audit trail: each event's hash covers the previous event's hash. */
export class AuditRepository {
  private readonly events: OrgScopedTable<AuditEvent>;
  /** Appends waiting for the next commit; one drain loop at a time serializes them in this process
   *  (the transaction and the (org, seq) unique index cover other processes). */
  private readonly queue = new BatchQueue<PendingAppend, AuditEvent>(MAX_BATCH, (batch) => this.appendCommitted(batch));
  /** Transactions that committed events (fewer than events when appends arrive together). */
  commits = 0;
  private readonly listeners: Array<(event: AuditEvent) => void> = [];
  private readonly committedHooks: Array<(events: AuditEvent[]) => Promise<void>> = [];

  constructor(
    private readonly models: Models,
    private readonly sequelize: Sequelize,
    /** Takes turns with the store's other batched writers (see GroupCommit.exclusive). */
    private readonly exclusive: <T>(transaction: () => Promise<T>) => Promise<T> = (transaction) => transaction(),
  ) {
    this.events = new OrgScopedTable(models.audit, { entity: 'audit event', project: 'none' });
  }

  /** Resolves once the event is committed. Events appended while a commit is in flight are written
   *  together in the next transaction (group commit): one sync for many events, same chain. */
  async append(ctx: RequestContext, input: NewAuditEvent): Promise<AuditEvent> {
    assertNonEmpty('action', input.action);
    const details = input.details ?? {};
    if (details === null || typeof details !== 'object' || Array.isArray(details)) throw new StoreInputError('details', 'Audit details must be a JSON object.');
    const fields: PendingFields = {
      organizationId: ctx.orgId, at: toDate('at', input.at ?? new Date()).toISOString(), actorId: input.actorId ?? ctx.userId,
      action: input.action, target: input.target ?? null, details,
    };
    return this.queue.push({ ctx, fields });
  }

  /** Called after every appended event (alert rules watch the trail); listeners must not throw. */
  onAppend(listener: (event: AuditEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Awaited after each committed batch, before its appenders resume (the anchor file is written
   *  here); a hook that fails is its own concern: the events stay committed. */
  onBatchCommitted(hook: (events: AuditEvent[]) => Promise<void>): void {
    this.committedHooks.push(hook);
  }

  /** Platform deletion of an organization: its trail goes with it. */
  async unscopedDeleteOrganization(orgId: string): Promise<number> {
    return this.models.audit.destroy({ where: { organizationId: orgId } });
  }

  async list(ctx: RequestContext, options: { afterSeq?: number; limit?: number; action?: string } = {}): Promise<AuditEvent[]> {
    const where: WhereOptions = {};
    if (options.afterSeq !== undefined) Object.assign(where, { seq: { [Op.gt]: options.afterSeq } });
    if (options.action !== undefined) Object.assign(where, { action: options.action });
    return this.events.list(ctx, where, { order: [['seq', 'ASC']], limit: options.limit });
  }

  /** The latest event, for signed checkpoints. */
  async head(ctx: RequestContext): Promise<AuditHead | null> {
    const [last] = await this.events.list(ctx, undefined, { order: [['seq', 'DESC']], limit: 1 });
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  /**
   * Recomputes the chain. Detects an edited event (hash mismatch), a deleted one (gap in seq or
   * broken prev_hash link) and reordered ones (links no longer match). Deleting the newest
   * events is only detectable against a saved checkpoint: pass it as `checkpoint`.
   */
  async verify(ctx: RequestContext, checkpoint?: AuditHead): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checkpointSeen = false;
    for (;;) {
      const batch = await this.list(ctx, { afterSeq: expectedSeq - 1, limit: VERIFY_BATCH });
      for (const event of batch) {
        if (event.seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing (next stored event is ${event.seq})`);
        if (event.prevHash !== prevHash) return broken(event.seq, 'its link to the previous event does not match (deleted or reordered events)');
        if (auditEventHash(prevHash, event) !== event.hash) return broken(event.seq, 'its content does not match its hash (edited event)');
        if (checkpoint && event.seq === checkpoint.seq) {
          if (event.hash !== checkpoint.hash) return broken(event.seq, 'it differs from the saved checkpoint');
          checkpointSeen = true;
        }
        prevHash = event.hash;
        expectedSeq += 1;
      }
      if (batch.length < VERIFY_BATCH) break;
    }
    const count = expectedSeq - 1;
    if (checkpoint && !checkpointSeen) return broken(count + 1, `events up to ${checkpoint.seq} were saved in a checkpoint but are gone`);
    return { ok: true, count, head: count === 0 ? null : { seq: count, hash: prevHash } };
  }

  private async appendCommitted(batch: PendingAppend[]): Promise<AuditEvent[]> {
    const events = await this.appendBatch(batch);
    this.commits += 1;
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // Listeners must not throw; one that does cannot undo a committed event.
        }
      }
    }
    await Promise.all(this.committedHooks.map((hook) => hook(events).catch(() => undefined)));
    return events;
  }

  private async appendBatch(batch: PendingAppend[]): Promise<AuditEvent[]> {
    // IMMEDIATE (SQLite): take the write lock before reading the chain heads, so a concurrent writer
    // makes this wait (busy timeout) instead of failing with SQLITE_BUSY after a head was read.
    return this.exclusive(() => this.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, async (transaction) => {
      const orgIds = [...new Set(batch.map((item) => item.fields.organizationId))].sort();
      const heads = new Map<string, AuditHead>();
      for (const orgId of orgIds) {
        if (this.sequelize.getDialect() === 'postgres') {
          // Another server process appending for this organization waits for us instead of forking the chain
          // (organizations are locked in one order, so two batches never wait on each other).
          await this.models.organizations.findOne({ where: { id: orgId }, attributes: ['id'], lock: transaction.LOCK.UPDATE, transaction });
        }
        const [last] = await this.models.audit.findAll({ where: { organizationId: orgId }, order: [['seq', 'DESC']], limit: 1, transaction });
        heads.set(orgId, last ? { seq: last.get('seq') as number, hash: last.get('hash') as string } : { seq: 0, hash: GENESIS_HASH });
      }
      const rows = batch.map(({ ctx, fields }) => {
        const head = heads.get(fields.organizationId)!;
        const event = { ...fields, seq: head.seq + 1 };
        const hash = auditEventHash(head.hash, event);
        heads.set(fields.organizationId, { seq: event.seq, hash });
        return { ctx, values: { ...event, at: new Date(event.at), prevHash: head.hash, hash } };
      });
      // The chain is computed above; the inserts queue on the connection together (one round trip
      // each in turn would hold the single writer for the whole burst).
      return allFinished(rows.map(({ ctx, values }) => this.events.insert(ctx, values, transaction)));
    }));
  }
}

function broken(seq: number, reason: string): AuditVerification {
  return { ok: false, brokenAtSeq: seq, reason: `Audit event ${seq} fails verification: ${reason}.` };
}
