import { Transaction, type Sequelize } from 'sequelize';
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

  /** The SQLite store has one writer: this process's group commits and audit batches take turns
   *  here instead of colliding on the file lock (whose busy wait sleeps up to 100 ms a try). */
  private writer: Promise<void> = Promise.resolve();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly singleWriter: boolean,
  ) {}

  /** Runs `transaction` alone among this process's batched writers (SQLite); as is on PostgreSQL. */
  async exclusive<T>(transaction: () => Promise<T>): Promise<T> {
    if (!this.singleWriter) return transaction();
    const previous = this.writer;
    let release = () => undefined as void;
    this.writer = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await transaction();
    } finally {
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
      const out: unknown[] = [];
      for (const work of works) out.push(await work(transaction));
      return out;
    }));
    this.commits += 1;
    return results;
  }
}
