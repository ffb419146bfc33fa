/** Caches embedding vectors by organization, model, schema version and text hash: metadata
 *  about schemas, never source rows. The store may provide a persistent implementation. */
import { createHash } from 'node:crypto';
import { ByteLru, stringBytes } from '../../memory';

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
  private readonly entries: ByteLru<Float32Array>;

  constructor(maxEntries = 200_000, maxBytes = 64 * 1024 * 1024) {
    this.entries = new ByteLru({ maxBytes, maxEntries, sizeOf: (vector, key) => vector.byteLength + stringBytes(key) });
  }

  async get(keys: readonly VectorKey[]): Promise<(Float32Array | undefined)[]> {
    return keys.map((key) => this.entries.get(keyString(key)));
  }

  async put(entries: readonly { key: VectorKey; vector: Float32Array }[]): Promise<void> {
    for (const { key, vector } of entries) this.entries.set(keyString(key), vector);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held by the cached vectors and their keys. */
  get bytes(): number {
    return this.entries.bytes;
  }
}
