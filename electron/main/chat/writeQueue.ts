/** Limits how many chat persistence sequences write to the store at once. The embedded SQLite
 *  store has a single writer: queueing our writes beats colliding on its lock (SQLITE_BUSY). */
export class WriteQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
