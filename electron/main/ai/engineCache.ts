/** The offline engines (semantic model and link index per schema version and glossary), built
 *  once and shared by everything that asks or renders plans: the chat route, the plan renderer of
 *  follow-up facts. Bounded by an estimate of their memory, not just their number, so one huge
 *  schema cannot keep dozens of large models alive. */
import { createHash } from 'node:crypto';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import { ByteLru, jsonBytes } from '../memory';
import { Nl2SqlEngine } from '../nl2sql/engine';

/** Measured on the retail schema: an engine holds about 8.5× the UTF-16 size of its schema's JSON
 *  (model, link index, value lexicon); rounded up. */
export const ENGINE_BYTES_PER_SCHEMA_BYTE = 10;
export const ENGINE_CACHE_BYTES = 64 * 1024 * 1024;
const ENGINE_CACHE_ENTRIES = 16;

/** Fingerprints by glossary object: an answer asks for the same glossary's several times (engine,
 *  cache key, follow-up checks), and glossaries are read-only once parsed. */
const fingerprints = new WeakMap<Glossary, string>();

export function glossaryFingerprint(glossary: Glossary | undefined): string {
  if (!glossary) return 'none';
  let fingerprint = fingerprints.get(glossary);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(JSON.stringify(glossary)).digest('hex').slice(0, 16);
    fingerprints.set(glossary, fingerprint);
  }
  return fingerprint;
}

/** Estimated memory of the engine built for this schema and glossary. */
export function engineBytes(schema: SchemaInfo, glossary: Glossary | undefined): number {
  return ENGINE_BYTES_PER_SCHEMA_BYTE * jsonBytes(schema) + 2 * jsonBytes(glossary ?? null);
}

export class EngineCache {
  private readonly engines: ByteLru<{ engine: Nl2SqlEngine; bytes: number }>;

  constructor(maxBytes = ENGINE_CACHE_BYTES, maxEntries = ENGINE_CACHE_ENTRIES) {
    this.engines = new ByteLru({ maxBytes, maxEntries, sizeOf: (entry) => entry.bytes });
  }

  /** The engine for a schema and glossary, and the key it is cached under. */
  engineFor(schema: SchemaInfo, glossary: Glossary | undefined): { engine: Nl2SqlEngine; key: string } {
    const key = `${schema.version}:${glossaryFingerprint(glossary)}`;
    // An engine larger than the whole budget is built for this question and not kept.
    const entry = this.engines.getOrCreate(key, () => ({ engine: new Nl2SqlEngine(schema, glossary), bytes: engineBytes(schema, glossary) }));
    return { engine: entry.engine, key };
  }

  get size(): number {
    return this.engines.size;
  }

  get bytes(): number {
    return this.engines.bytes;
  }
}

/** The process-wide engines (schema versions are content hashes: equal versions mean equal schemas). */
export const sharedEngines = new EngineCache();
