/** Public surface of the context service (see contextManager.ts). */
export { ContextManager, createContextManager, type BuiltContext, type ContextManagerOptions } from './contextManager';
export type { ApprovedExample, ApprovedExamplesSource } from './examples';
export { InMemoryVectorCache, type VectorCache, type VectorKey } from './embeddings/vectorCache';
export type { Embedder } from './embeddings/embedder';
export { shutdownEmbeddingHost } from './embeddings/embeddingHost';
export { findInstalledModel } from './embeddings/modelFolder';
export { SchemaRanker, type RankingSource, type RankedSchema } from './ranking/schemaRanker';
export { renderContext } from './render';
export type * from './types';
