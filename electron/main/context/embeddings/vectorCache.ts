/** Caches embedding vectors by organization, model, schema version and text hash: metadata
 *  about schemas, never source rows. The store may provide a persistent implementation. */
import { createHash } from 'node:crypto';

export interface VectorKey {
  orgId: string;
  modelId: string;
  /** The schema version (or another scope, such as `examples:<sourceId>`) the text belongs to. */
  scope: string;
  /** sha256 of the embedded text (see textHash). */
  textHash: string;
}

export interface VectorCache {
  /** One entry per key, in order: the vector, or undefined when not cached. */
  get(keys: readonly VectorKey[]): Promise<(Float32Array | undefined)[]>;
  put(entries: readonly { key: VectorKey; vector: Float32Array }[]): Promise<void>;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const keyString = (key: VectorKey): string => JSON.stringify([key.orgId, key.modelId, key.scope, key.textHash]);

/** A bounded in-memory cache: the least recently used entries go first when it holds more than
 *  `maxEntries` vectors or `maxBytes` bytes (vector data plus UTF-16 key). */
export class InMemoryVectorCache implements VectorCache {
  private readonly entries = new Map<string, Float32Array>();
  private totalBytes = 0;

  constructor(private readonly maxEntries = 200_000, private readonly maxBytes = 64 * 1024 * 1024) {}

  async get(keys: readonly VectorKey[]): Promise<(Float32Array | undefined)[]> {
    return keys.map((key) => {
      const k = keyString(key);
      const vector = this.entries.get(k);
      if (vector) { // refresh recency: Map iteration order is insertion order
        this.entries.delete(k);
        this.entries.set(k, vector);
      }
      return vector;
    });
  }

  async put(entries: readonly { key: VectorKey; vector: Float32Array }[]): Promise<void> {
    for (const { key, vector } of entries) {
      const k = keyString(key);
      if (entryBytes(k, vector) > this.maxBytes) continue;
      this.remove(k);
      this.entries.set(k, vector);
      this.totalBytes += entryBytes(k, vector);
    }
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      this.remove(this.entries.keys().next().value as string);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held by the cached vectors and their keys. */
  get bytes(): number {
    return this.totalBytes;
  }

  private remove(k: string): void {
    const vector = this.entries.get(k);
    if (!vector) return;
    this.entries.delete(k);
    this.totalBytes -= entryBytes(k, vector);
  }
}

function entryBytes(k: string, vector: Float32Array): number {
  return vector.byteLength + 2 * k.length;
}
