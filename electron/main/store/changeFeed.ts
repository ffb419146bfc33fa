import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ReadCache } from './readCache';
import type { StoreChange } from './storeWrites';

export const CHANGE_CHANNEL = 'aiser_store_changes';
const RECONNECT_MS = 1_000;

/**
 * Several instances over one PostgreSQL store: each tells the others which tables it changed
 * (NOTIFY after the commit) and listens for theirs (LISTEN), so a record cached by one instance is
 * dropped as soon as another changes it. While the listening connection is not up, notifications
 * could be missed: the cache is then switched off (every read goes to the store) until it is.
 */
export class PgChangeFeed {
  private readonly instance = randomUUID();
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly cache: ReadCache,
    /** Runs `SELECT pg_notify($1, $2)` through the store's own connections (up whenever writes are). */
    private readonly notify: (channel: string, payload: string) => Promise<unknown>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    cache.setEnabled(false);
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => this.received(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.cache.setEnabled(true);
  }

  /** Tells the other instances (called once the change committed, whether or not this instance
   *  is listening); resolves once PostgreSQL took the notification. */
  async publish(change: StoreChange): Promise<void> {
    try {
      await this.notify(CHANGE_CHANNEL, JSON.stringify({ from: this.instance, ...change }));
    } catch (error) {
      this.onError(error as Error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.cache.setEnabled(false);
    await client?.end().catch(() => undefined);
  }

  private received(payload: string | undefined): void {
    let change: { from?: string; tables?: unknown; all?: unknown };
    try {
      change = JSON.parse(payload ?? '{}') as typeof change;
    } catch {
      this.cache.invalidateAll();
      return;
    }
    if (change.from === this.instance) return;
    if (change.all === true || !Array.isArray(change.tables)) this.cache.invalidateAll();
    this.cache.invalidate((Array.isArray(change.tables) ? change.tables : []).filter((t): t is string => typeof t === 'string'));
  }

  private lost(client: pg.Client, error?: Error): void {
    if (error) this.onError(error);
    if (this.client !== null && this.client !== client) return;
    this.client = null;
    this.cache.setEnabled(false);
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) void this.start();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
