/** Embeds texts through a VectorCache: only texts not seen before reach the model. */
import type { Embedder } from './embedder';
import { textHash, type VectorCache, type VectorKey } from './vectorCache';

export interface EmbeddingScope {
  orgId: string;
  scope: string;
}

const BATCH_SIZE = 32;

export async function embedWithCache(embedder: Embedder, cache: VectorCache, scope: EmbeddingScope, texts: readonly string[]): Promise<Float32Array[]> {
  const keys: VectorKey[] = texts.map((text) => ({ orgId: scope.orgId, modelId: embedder.modelId, scope: scope.scope, textHash: textHash(text) }));
  const vectors = await cache.get(keys);
  const missing = vectors.flatMap((vector, i) => (vector ? [] : [i]));
  for (let start = 0; start < missing.length; start += BATCH_SIZE) {
    const batch = missing.slice(start, start + BATCH_SIZE);
    const computed = await embedder.embed(batch.map((i) => texts[i]));
    batch.forEach((i, j) => (vectors[i] = computed[j]));
    await cache.put(batch.map((i, j) => ({ key: keys[i], vector: computed[j] })));
  }
  return vectors as Float32Array[];
}
