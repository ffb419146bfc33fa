interface Queued<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * The drain loop of a group commit: items queued while a batch is being committed go together
 * into the next batch (at most `maxBatch`), and each promise resolves with its own result once its
 * batch committed. If a batch fails, its items are committed again one by one, so only an item
 * that itself fails reports an error.
 */
export class BatchQueue<T, R> {
  private readonly pending: Array<Queued<T, R>> = [];
  private draining = false;

  constructor(
    private readonly maxBatch: number,
    /** Commits the items in one transaction and returns one result per item, in order. */
    private readonly commit: (items: T[]) => Promise<R[]>,
  ) {}

  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          const results = await this.commit(batch.map((queued) => queued.item));
          batch.forEach((queued, i) => queued.resolve(results[i]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // The whole batch rolled back: commit one by one so only an item that itself fails reports it.
          for (const queued of batch) {
            try {
              queued.resolve((await this.commit([queued.item]))[0]);
            } catch (alone) {
              queued.reject(alone);
            }
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
