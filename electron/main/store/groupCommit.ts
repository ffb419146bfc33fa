import { AsyncLocalStorage } from 'node:async_hooks';
import { Transaction, type Sequelize } from 'sequelize';
import { allFinished } from './allFinished';
import { BatchQueue } from './batchQueue';

/** Most pieces of work written in one transaction (a burst beyond it takes several commits). */
const MAX_BATCH = 128;

type Work = (transaction: Transaction) => Promise<unknown>;

/**
 * Group commit for writes many requests make at once (a chat turn's messages and metrics): work
 * queued while a commit is in flight runs together in the next transaction, so a burst of answers
 * costs one durable sync instead of one per answer. Each promise resolves only after its
 * transaction committed. If a batch fails, its pieces run again one per transaction, so only the
 * piece that itself fails reports an error (the work must therefore only write through the
 * transaction it is given).
 */
export class GroupCommit {
  private readonly queue = new BatchQueue<Work, unknown>(MAX_BATCH, (works) => this.commit(works));
  /** Transactions committed (fewer than pieces of work when they arrive together). */
  commits = 0;

  /** The SQLite store has one writer: this process's group commits, audit batches and single
   *  writing statements take turns here instead of colliding on the file lock. A statement waiting
   *  on that lock sleeps in a thread of libuv's small pool; a few of them can take every thread, so
   *  the transaction holding the lock cannot run its COMMIT until their busy timeout (10 s) ends. */
  private writer: Promise<void> = Promise.resolve();
  /** Set while a turn runs, so work inside it (its own statements) does not queue behind itself. */
  private readonly turn = new AsyncLocalStorage<{ active: boolean }>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly singleWriter: boolean,
  ) {}

  /** Runs `transaction` alone among this process's batched writers (SQLite); as is on PostgreSQL. */
  async exclusive<T>(transaction: () => Promise<T>): Promise<T> {
    if (!this.singleWriter || this.turn.getStore()?.active) return transaction();
    const previous = this.writer;
    let release = () => undefined as void;
    this.writer = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const mine = { active: true };
    try {
      return await this.turn.run(mine, transaction);
    } finally {
      // Callbacks this turn left behind (timers, drain loops) must queue like anyone else.
      mine.active = false;
      release();
    }
  }

  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.queue.push(work) as Promise<T>;
  }

  private async commit(works: Work[]): Promise<unknown[]> {
    // IMMEDIATE (SQLite): take the write lock up front, so reads inside the work never have to
    // upgrade to a writer later (which could fail with SQLITE_BUSY instead of waiting).
    const results = await this.exclusive(() => this.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, async (transaction) => {
      // The pieces run side by side: their statements queue on the transaction's connection
      // together, instead of the commit taking one round trip per statement of every piece in turn.
      return allFinished(works.map((work) => work(transaction)));
    }));
    this.commits += 1;
    return results;
  }
}
