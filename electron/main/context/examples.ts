/** Approved past questions with their SQL (few-shot examples), ranked by similarity. */
import type { RequestContext } from '../../../shared/types/auth';
import { embedWithCache } from './embeddings/cachedEmbedding';
import type { Embedder } from './embeddings/embedder';
import { textHash, type VectorCache } from './embeddings/vectorCache';
import { Bm25Index } from './ranking/bm25';
import { blendScores } from './ranking/hybrid';
import type { Scored } from './ranking/schemaIndex';
import { terms } from './ranking/text';

export interface ApprovedExample {
  /** Stable id (message id); defaults to a hash of the question. */
  id?: string;
  question: string;
  sql: string;
  /** A person with the right to do so verified this pair (shared by the project). */
  verified?: boolean;
}

/** Provided by the store: answers marked approved (thumbs up) for a source of the caller's org. */
export interface ApprovedExamplesSource {
  listApproved(ctx: RequestContext, sourceId: string): Promise<ApprovedExample[]>;
}

export interface RankedExample {
  id: string;
  question: string;
  sql: string;
  verified?: boolean;
  score: number;
}

export interface ExampleRankingDeps {
  embedder?: Embedder | null;
  vectorCache: VectorCache;
  lexicalWeight: number;
}

/** Ranks examples for the question; returns those with some relevance, best first. */
export async function rankExamples(
  ctx: RequestContext,
  sourceId: string,
  examples: readonly ApprovedExample[],
  query: string,
  deps: ExampleRankingDeps,
): Promise<RankedExample[]> {
  if (examples.length === 0) return [];
  const withIds = examples.map((e) => ({ ...e, id: e.id ?? `q:${textHash(e.question).slice(0, 16)}` }));
  const index = new Bm25Index();
  for (const example of withIds) index.add(example.id, [{ terms: terms(example.question), weight: 1 }]);
  let scores: Scored[] = index.search(terms(query));
  if (deps.embedder) {
    const scope = { orgId: ctx.orgId, scope: `examples:${sourceId}` };
    const [[queryVector], vectors] = await Promise.all([
      deps.embedder.embed([query]),
      embedWithCache(deps.embedder, deps.vectorCache, scope, withIds.map((e) => e.question)),
    ]);
    scores = blendScores(scores, queryVector, withIds.map((e, i) => ({ id: e.id, vector: vectors[i] })), deps.lexicalWeight);
  }
  const byId = new Map(withIds.map((e) => [e.id, e]));
  return scores.filter((s) => s.score > 0).map((s) => ({ ...byId.get(s.id)!, score: s.score }));
}
