import { createHash } from 'node:crypto';
import { Op, Transaction, type Sequelize, type WhereOptions } from 'sequelize';
import type { RequestContext } from '../../../../shared/types/auth';
import { canonicalJson } from '../canonicalJson';
import { StoreInputError, assertNonEmpty } from '../errors';
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

/** What an event's hash commits to: everything except its own id and hash. */
export function auditEventHash(prevHash: string, event: Omit<AuditEvent, 'id' | 'hash' | 'prevHash'>): string {
  const { organizationId, seq, at, actorId, action, target, details } = event;
  return createHash('sha256').update(prevHash + canonicalJson({ organizationId, seq, at, actorId, action, target, details })).digest('hex');
}

/** Append-only, tamper-evident audit trail: each event's hash covers the previous event's hash. */
export class AuditRepository {
  private readonly events: OrgScopedTable<AuditEvent>;
  /** Serializes appends in this process; the transaction and the (org, seq) unique index cover other processes. */
  private appending: Promise<unknown> = Promise.resolve();
  private readonly listeners: Array<(event: AuditEvent) => void> = [];

  constructor(
    private readonly models: Models,
    private readonly sequelize: Sequelize,
  ) {
    this.events = new OrgScopedTable(models.audit, { entity: 'audit event', project: 'none' });
  }

  async append(ctx: RequestContext, input: NewAuditEvent): Promise<AuditEvent> {
    assertNonEmpty('action', input.action);
    const next = this.appending.then(() => this.appendNow(ctx, input));
    this.appending = next.catch(() => undefined);
    const event = await next;
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Called after every appended event (alert rules watch the trail); listeners must not throw. */
  onAppend(listener: (event: AuditEvent) => void): void {
    this.listeners.push(listener);
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

  private async appendNow(ctx: RequestContext, input: NewAuditEvent): Promise<AuditEvent> {
    // IMMEDIATE (SQLite): take the write lock before reading the chain head, so a concurrent writer
    // makes this wait (busy timeout) instead of failing with SQLITE_BUSY after the head was read.
    return this.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, async (transaction) => {
      if (this.sequelize.getDialect() === 'postgres') {
        // Another server process appending for this organization waits for us instead of forking the chain.
        await this.models.organizations.findOne({ where: { id: ctx.orgId }, attributes: ['id'], lock: transaction.LOCK.UPDATE, transaction });
      }
      const [last] = await this.models.audit.findAll({ where: { organizationId: ctx.orgId }, order: [['seq', 'DESC']], limit: 1, transaction });
      const prevHash = last ? (last.get('hash') as string) : GENESIS_HASH;
      const event = {
        organizationId: ctx.orgId,
        seq: last ? (last.get('seq') as number) + 1 : 1,
        at: toDate('at', input.at ?? new Date()).toISOString(),
        actorId: input.actorId ?? ctx.userId,
        action: input.action,
        target: input.target ?? null,
        details: input.details ?? {},
      };
      if (event.details === null || typeof event.details !== 'object' || Array.isArray(event.details)) {
        throw new StoreInputError('details', 'Audit details must be a JSON object.');
      }
      const hash = auditEventHash(prevHash, event);
      return this.events.insert(ctx, { ...event, at: new Date(event.at), prevHash, hash }, transaction);
    });
  }
}

function broken(seq: number, reason: string): AuditVerification {
  return { ok: false, brokenAtSeq: seq, reason: `Audit event ${seq} fails verification: ${reason}.` };
}
