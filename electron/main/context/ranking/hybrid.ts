/** Blends lexical (BM25) scores with embedding cosine similarity. */
import { cosine } from '../embeddings/embedder';
import type { Scored } from './schemaIndex';

export interface HybridCandidate {
  id: string;
  vector: Float32Array;
}

/**
 * score = lexicalWeight · (bm25 / best bm25) + (1 − lexicalWeight) · max(0, cosine).
 * Candidates the lexical ranker missed still compete through their cosine similarity,
 * which is how "turnover" can find a `sales` table with no shared word.
 */
export function blendScores(lexical: readonly Scored[], query: Float32Array, candidates: readonly HybridCandidate[], lexicalWeight: number): Scored[] {
  const best = lexical.reduce((max, hit) => Math.max(max, hit.score), 0) || 1;
  const lexicalById = new Map(lexical.map((hit) => [hit.id, hit.score / best]));
  const blended = candidates.map(({ id, vector }) => ({
    id,
    score: lexicalWeight * (lexicalById.get(id) ?? 0) + (1 - lexicalWeight) * Math.max(0, cosine(query, vector)),
  }));
  return blended.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
