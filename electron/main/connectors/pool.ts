import { createHash } from 'node:crypto';
import { createConnector } from './registry';
import type { Connector, SourceConfig } from './types';

export interface ConnectorPoolOptions {
  /** Close a connector nobody has used for this long (default 5 minutes). */
  idleMs?: number;
  /** How often idle connectors are looked for (default 30 s). */
  sweepEveryMs?: number;
  /** Builds connectors; the registry's `createConnector` unless a caller substitutes its own. */
  create?: (config: SourceConfig) => Connector;
  now?: () => number;
}

interface Entry {
  connector: Connector;
  configHash: string;
  lastUsed: number;
  inUse: number;
}

/** Configs differ when any field (including a secret) differs; only the hash is kept. */
function hashConfig(config: SourceConfig): string {
  return createHash('sha256').update(stableJson(config)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
}

/**
 * One live connector per source id, reused across queries (so each database keeps one small
 * connection pool), replaced when the source's settings change, and closed when idle.
 */
export class ConnectorPool {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly create: (config: SourceConfig) => Connector;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: ConnectorPoolOptions = {}) {
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.create = options.create ?? createConnector;
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => void this.closeIdle(), options.sweepEveryMs ?? 30_000);
    this.sweeper.unref();
  }

  /** Runs `work` with the source's connector, keeping it open (not idle) while work runs. */
  async use<T>(sourceId: string, config: SourceConfig, work: (connector: Connector) => Promise<T>): Promise<T> {
    const entry = await this.acquire(sourceId, config);
    try {
      return await work(entry.connector);
    } finally {
      entry.inUse--;
      entry.lastUsed = this.now();
    }
  }

  /** Like `use` for streaming work: the connector stays busy until the stream ends. */
  async *stream<T>(sourceId: string, config: SourceConfig, work: (connector: Connector) => AsyncIterable<T>): AsyncGenerator<T> {
    const entry = await this.acquire(sourceId, config);
    try {
      yield* work(entry.connector);
    } finally {
      entry.inUse--;
      entry.lastUsed = this.now();
    }
  }

  /** Closes the source's connector (after its settings were edited or it was removed). */
  async invalidate(sourceId: string): Promise<void> {
    const entry = this.entries.get(sourceId);
    this.entries.delete(sourceId);
    await entry?.connector.close();
  }

  async closeIdle(): Promise<void> {
    const cutoff = this.now() - this.idleMs;
    const idle = [...this.entries].filter(([, entry]) => entry.inUse === 0 && entry.lastUsed <= cutoff);
    await Promise.all(idle.map(([sourceId]) => this.invalidate(sourceId)));
  }

  get size(): number {
    return this.entries.size;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(all.map((entry) => entry.connector.close()));
  }

  private async acquire(sourceId: string, config: SourceConfig): Promise<Entry> {
    const configHash = hashConfig(config);
    let entry = this.entries.get(sourceId);
    if (entry && entry.configHash !== configHash) {
      await this.invalidate(sourceId);
      entry = undefined;
    }
    if (!entry) {
      entry = { connector: this.create(config), configHash, lastUsed: this.now(), inUse: 0 };
      this.entries.set(sourceId, entry);
    }
    entry.inUse++;
    entry.lastUsed = this.now();
    return entry;
  }
}
