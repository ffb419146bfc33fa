import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { LeasesRepository } from './leases';

/** A running query's place in its organization's count, kept as a lease row in `job_leases`. */
export interface QuerySlot {
  name: string;
  holder: string;
}

const PREFIX = 'query-slot:';

function prefixOf(orgId: string): string {
  return `${PREFIX}${orgId}:`;
}

/** `LIKE` pattern matching every slot of one organization (its id taken literally). */
function patternOf(orgId: string): string {
  return `${prefixOf(orgId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Running queries per organization, counted across every instance over the same store. A slot
 *  is a lease that expires unless its holder renews it, so an instance that crashes mid-query
 *  stops counting once its slots expire. With a limit, slots are numbered 0..max-1 and taking one
 *  is a single conditional insert, so two instances cannot both take the last one. */
export class QuerySlotsRepository {
  private readonly leases: LeasesRepository;

  constructor(private readonly sequelize: Sequelize, private readonly now: () => number = Date.now) {
    this.leases = new LeasesRepository(sequelize, now);
  }

  /** Unexpired slots of the organization. */
  async count(orgId: string): Promise<number> {
    const rows = await this.sequelize.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM job_leases WHERE name LIKE :pattern ESCAPE '\\' AND expires_at >= :now`,
      { replacements: { pattern: patternOf(orgId), now: this.now() }, type: QueryTypes.SELECT },
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Takes a slot for `ttlMs`, or returns null when `max` slots are already taken (null max: no limit;
   *  only then may the insert join a group-committed `transaction`). */
  async acquire(orgId: string, max: number | null, ttlMs: number, transaction?: Transaction): Promise<QuerySlot | null> {
    const holder = randomUUID();
    if (max === null) {
      const name = `${prefixOf(orgId)}${holder}`;
      return (await this.leases.acquire(name, holder, ttlMs, transaction)) ? { name, holder } : null;
    }
    // Slots taken while the organization had no limit are not numbered: count them all first.
    if ((await this.count(orgId)) >= max) return null;
    for (let slot = 0; slot < max; slot++) {
      const name = `${prefixOf(orgId)}${slot}`;
      if (await this.leases.acquire(name, holder, ttlMs)) return { name, holder };
    }
    return null;
  }

  /** Extends a held slot; false when it expired and another query took it meanwhile. */
  renew(slot: QuerySlot, ttlMs: number): Promise<boolean> {
    return this.leases.acquire(slot.name, slot.holder, ttlMs);
  }

  release(slot: QuerySlot, transaction?: Transaction): Promise<void> {
    return this.leases.release(slot.name, slot.holder, transaction);
  }

  /** Drops every expired slot (housekeeping; expired slots already do not count). */
  async purgeExpired(): Promise<void> {
    await this.sequelize.query(
      `DELETE FROM job_leases WHERE name LIKE :pattern ESCAPE '\\' AND expires_at < :now`,
      { replacements: { pattern: `${PREFIX}%`, now: this.now() } },
    );
  }
}
