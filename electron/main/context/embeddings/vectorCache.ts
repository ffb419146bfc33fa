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

/** A bounded in-memory cache: the oldest entries go first when it is full. */
export class InMemoryVectorCache implements VectorCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(private readonly maxEntries = 200_000) {}

  async get(keys: readonly VectorKey[]): Promise<(Float32Array | undefined)[]> {
    return keys.map((key) => this.entries.get(keyString(key)));
  }

  async put(entries: readonly { key: VectorKey; vector: Float32Array }[]): Promise<void> {
    for (const { key, vector } of entries) {
      const k = keyString(key);
      this.entries.delete(k);
      this.entries.set(k, vector);
    }
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
