import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { ReadCache } from './readCache';
import type { StoreChange } from './storeWrites';

/** Changes published by any store of this process: a look in the same turn that predates one is
 *  repeated (two instances in one process see each other's changes in order). */
let publishedInProcess = 0;

/** Past this size the next writer starts a new file (readers notice the new inode and drop everything). */
const MAX_BYTES = 1024 * 1024;

/**
 * Several processes over one SQLite store file (server instances sharing a data folder): each
 * appends a line naming the cached tables it changed to a file next to the store, right after the
 * commit, and before every cached read checks (one stat) whether another process appended since.
 * So a change made through one process is seen by the next request any process serves.
 */
export class SqliteChangeFile {
  private readonly instance = randomUUID();
  private offset = 0;
  private inode = -1;
  /** Set after a look until the event loop's next turn: the reads of one turn share one stat. */
  private looked = false;
  private lookedAfter = -1;

  constructor(private readonly file: string, private readonly cache: ReadCache) {
    cache.beforeRead = () => this.lookOncePerTurn();
  }

  /** A change another process committed before this turn began is seen; one committed during
   *  this turn is seen by the next (as if the reads had run a moment earlier). */
  private lookOncePerTurn(): void {
    if (this.looked && this.lookedAfter === publishedInProcess) return;
    if (!this.looked) setImmediate(() => (this.looked = false));
    this.looked = true;
    this.lookedAfter = publishedInProcess;
    this.catchUp();
  }

  /** Starts following the file from its current end (what came before is already in the store). */
  start(): void {
    const stat = this.stat();
    this.inode = stat?.ino ?? -1;
    this.offset = stat?.size ?? 0;
  }

  publish(change: StoreChange): void {
    publishedInProcess += 1;
    this.catchUp();
    const line = `${JSON.stringify({ from: this.instance, tables: change.tables, all: change.all })}\n`;
    if (this.offset + line.length > MAX_BYTES) {
      const temporary = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, line, { mode: 0o600 });
      fs.renameSync(temporary, this.file);
    } else {
      fs.appendFileSync(this.file, line, { mode: 0o600 });
    }
    this.catchUp();
  }

  /** Applies the lines other processes appended since the last look. */
  private catchUp(): void {
    const stat = this.stat();
    if (!stat) {
      if (this.inode !== -1) this.restart(-1, 0);
      return;
    }
    if (stat.ino !== this.inode || stat.size < this.offset) {
      this.restart(stat.ino, 0);
    }
    if (stat.size === this.offset) return;
    const text = this.readFrom(this.offset, stat.size - this.offset);
    const complete = text.lastIndexOf('\n') + 1;
    this.offset += Buffer.byteLength(text.slice(0, complete));
    for (const line of text.slice(0, complete).split('\n')) {
      if (line) this.apply(line);
    }
  }

  private apply(line: string): void {
    let change: { from?: unknown; tables?: unknown; all?: unknown };
    try {
      change = JSON.parse(line) as typeof change;
    } catch {
      this.cache.invalidateAll();
      return;
    }
    if (change.from === this.instance) return;
    const tables = Array.isArray(change.tables) ? change.tables.filter((t): t is string => typeof t === 'string') : [];
    if (change.all !== false || !Array.isArray(change.tables)) this.cache.invalidateAll();
    this.cache.invalidate(tables);
  }

  /** A new or shortened file: whatever it said before is unknown, so nothing cached is trusted. */
  private restart(inode: number, offset: number): void {
    this.cache.invalidateAll();
    this.inode = inode;
    this.offset = offset;
  }

  private stat(): fs.Stats | null {
    try {
      return fs.statSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private readFrom(position: number, length: number): string {
    const buffer = Buffer.alloc(length);
    const fd = fs.openSync(this.file, 'r');
    try {
      const read = fs.readSync(fd, buffer, 0, length, position);
      return buffer.subarray(0, read).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  }
}
