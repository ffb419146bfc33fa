import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** Sequelize's SQLite driver runs any statement starting with `INSERT INTO` without reading rows,
 *  which drops the RETURNING row; a leading comment makes it read them (PostgreSQL ignores it). */
const READ_RETURNING = '/* returning */ ';

/** Leases on named jobs, shared by every instance over the same store: `acquire` succeeds for one
 *  holder at a time until the lease expires or is released, so a due schedule runs once. */
export class LeasesRepository {
  constructor(private readonly sequelize: Sequelize, private readonly now: () => number = Date.now) {}

  /** True when `holder` now holds `name` for `ttlMs` (newly, or renewed because it already held it). */
  async acquire(name: string, holder: string, ttlMs: number, transaction?: Transaction): Promise<boolean> {
    const now = this.now();
    const rows = await this.sequelize.query<{ holder: string }>(
      `${READ_RETURNING}INSERT INTO job_leases (name, holder, expires_at) VALUES (:name, :holder, :expires)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE job_leases.expires_at < :now OR job_leases.holder = excluded.holder
       RETURNING holder`,
      { replacements: { name, holder, expires: now + ttlMs, now }, type: QueryTypes.SELECT, transaction },
    );
    return rows.length === 1 && rows[0]!.holder === holder;
  }

  async release(name: string, holder: string, transaction?: Transaction): Promise<void> {
    await this.sequelize.query('DELETE FROM job_leases WHERE name = :name AND holder = :holder', { replacements: { name, holder }, transaction });
  }

  /** Runs `work` only if this holder gets the lease; releases it afterwards. Returns whether it ran. */
  async runExclusive(name: string, holder: string, ttlMs: number, work: () => Promise<void>): Promise<boolean> {
    if (!(await this.acquire(name, holder, ttlMs))) return false;
    try {
      await work();
    } finally {
      await this.release(name, holder);
    }
    return true;
  }
}

/** Fixed-window hit counters shared by every instance (sign-in throttling across a cluster). */
export class RateCountersRepository {
  constructor(private readonly sequelize: Sequelize, private readonly now: () => number = Date.now) {}

  /** Counts one hit in `bucket` and returns the hits in the current window (including this one). */
  async hit(bucket: string, windowMs: number): Promise<{ hits: number; windowStartedAt: number }> {
    const now = this.now();
    const rows = await this.sequelize.query<{ hits: number | string; window_started_at: number | string }>(
      `${READ_RETURNING}INSERT INTO rate_limit_hits (bucket, hits, window_started_at) VALUES (:bucket, 1, :now)
       ON CONFLICT (bucket) DO UPDATE SET
         hits = CASE WHEN rate_limit_hits.window_started_at <= :windowStart THEN 1 ELSE rate_limit_hits.hits + 1 END,
         window_started_at = CASE WHEN rate_limit_hits.window_started_at <= :windowStart THEN :now ELSE rate_limit_hits.window_started_at END
       RETURNING hits, window_started_at`,
      { replacements: { bucket, now, windowStart: now - windowMs }, type: QueryTypes.SELECT },
    );
    return { hits: Number(rows[0]?.hits ?? 1), windowStartedAt: Number(rows[0]?.window_started_at ?? now) };
  }

  async reset(bucket: string): Promise<void> {
    await this.sequelize.query('DELETE FROM rate_limit_hits WHERE bucket = :bucket', { replacements: { bucket } });
  }

  /** Drops windows that ended (housekeeping). */
  async purgeOlderThan(windowMs: number): Promise<void> {
    await this.sequelize.query('DELETE FROM rate_limit_hits WHERE window_started_at < :cutoff', { replacements: { cutoff: this.now() - windowMs } });
  }
}
