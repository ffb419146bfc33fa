/** Ranks a source's tables, columns and glossary entries for a question, lexically or (with an
 *  embedding model installed) hybrid. Indexes and vectors are cached per organization. */
import type { RequestContext } from '../../../../shared/types/auth';
import type { SchemaInfo } from '../../../../shared/types/schema';
import type { Glossary } from '../../../../shared/types/semantic';
import { embedWithCache } from '../embeddings/cachedEmbedding';
import type { Embedder } from '../embeddings/embedder';
import { InMemoryVectorCache, textHash, type VectorCache } from '../embeddings/vectorCache';
import { ByteLru } from '../../memory';
import { blendScores } from './hybrid';
import { JoinGraph } from './joinGraph';
import { SchemaLexicalIndex, tableEmbeddingText, type Scored } from './schemaIndex';
import { sliceSchema, type SchemaSlice, type SliceOptions } from './schemaSlice';
import { terms } from './text';

/** One data source of the caller's organization, as the store hands it over. */
export interface RankingSource {
  orgId: string;
  sourceId: string;
  schema: SchemaInfo;
  glossary?: Glossary;
}

export interface RankedSchema {
  mode: 'lexical' | 'hybrid';
  /** All tables with a score, best first. */
  tables: Scored[];
  slice: SchemaSlice;
  /** Columns (`table.column`) of the slice's tables matching the question, best first. */
  columns: Scored[];
  /** Glossary entry ids (see metricEntryId / synonymEntryId), best first. */
  glossary: Scored[];
  index: SchemaLexicalIndex;
}

export interface SchemaRankerOptions extends SliceOptions {
  embedder?: Embedder | null;
  vectorCache?: VectorCache;
  /** Weight of the lexical score in hybrid mode, 0..1 (default 0.5). */
  lexicalWeight?: number;
  /** How many schema indexes to keep in memory (default 32). */
  maxCachedIndexes?: number;
  /** Memory budget of the kept indexes, estimated from their schema and glossary (default 64 MB). */
  maxCachedIndexBytes?: number;
}

/** An index holds its schema's words several times over (terms, postings, table texts): the
 *  estimate is the UTF-16 size of the schema and glossary JSON times this factor. */
const INDEX_BYTES_PER_SOURCE_BYTE = 4;
const DEFAULT_MAX_CACHED_INDEX_BYTES = 64 * 1024 * 1024;

interface CachedIndex {
  index: SchemaLexicalIndex;
  graph: JoinGraph;
  tableTexts: { id: string; text: string }[];
  /** Table vectors once computed, so a question does not re-hash every table text. */
  tableVectors?: Promise<Float32Array[]>;
  /** Estimated memory the index holds. */
  bytes: number;
}

export class SchemaRanker {
  /** The index in use stays even when it alone is over the budget; the least recently used go first. */
  private readonly indexes: ByteLru<CachedIndex>;
  private readonly vectorCache: VectorCache;

  constructor(private readonly options: SchemaRankerOptions = {}) {
    this.vectorCache = options.vectorCache ?? new InMemoryVectorCache();
    this.indexes = new ByteLru({
      maxBytes: options.maxCachedIndexBytes ?? DEFAULT_MAX_CACHED_INDEX_BYTES,
      maxEntries: options.maxCachedIndexes ?? 32,
      keepLatest: true,
      sizeOf: (cached) => cached.bytes,
    });
  }

  get mode(): 'lexical' | 'hybrid' {
    return this.options.embedder ? 'hybrid' : 'lexical';
  }

  async rank(ctx: RequestContext, source: RankingSource, question: string): Promise<RankedSchema> {
    assertSameOrg(ctx, source.orgId, `source ${source.sourceId}`);
    const cached = this.indexFor(source);
    const questionTerms = terms(question);
    const lexicalTables = cached.index.rankTables(questionTerms);
    const tables = this.options.embedder ? await this.hybridTables(ctx, source, cached, question, lexicalTables) : lexicalTables;
    const slice = sliceSchema(cached.index, cached.graph, tables, questionTerms, this.options);
    return {
      mode: this.mode,
      tables,
      slice,
      columns: cached.index.rankColumns(questionTerms, { tables: new Set(slice.tables.map((t) => t.name)) }),
      glossary: cached.index.rankGlossary(questionTerms),
      index: cached.index,
    };
  }

  /** Embeds every table description ahead of the first question (e.g. after introspection). */
  async warmUp(ctx: RequestContext, source: RankingSource): Promise<void> {
    assertSameOrg(ctx, source.orgId, `source ${source.sourceId}`);
    const cached = this.indexFor(source);
    if (this.options.embedder) await this.tableVectors(ctx, source, cached);
  }

  private async hybridTables(ctx: RequestContext, source: RankingSource, cached: CachedIndex, question: string, lexical: Scored[]): Promise<Scored[]> {
    const embedder = this.options.embedder!;
    const [[query], vectors] = await Promise.all([embedder.embed([question]), this.tableVectors(ctx, source, cached)]);
    const candidates = cached.tableTexts.map(({ id }, i) => ({ id, vector: vectors[i] }));
    return blendScores(lexical, query, candidates, this.options.lexicalWeight ?? 0.5);
  }

  private tableVectors(ctx: RequestContext, source: RankingSource, cached: CachedIndex): Promise<Float32Array[]> {
    const scope = { orgId: ctx.orgId, scope: `schema:${source.sourceId}:${source.schema.version}` };
    if (!cached.tableVectors) {
      const pending = embedWithCache(this.options.embedder!, this.vectorCache, scope, cached.tableTexts.map((t) => t.text));
      cached.tableVectors = pending;
      // A failed attempt is not remembered: the next question tries again.
      pending.catch(() => {
        if (cached.tableVectors === pending) cached.tableVectors = undefined;
      });
    }
    return cached.tableVectors;
  }

  /** Estimated bytes held by the kept schema indexes. */
  get cachedIndexBytes(): number {
    return this.indexes.bytes;
  }

  get cachedIndexCount(): number {
    return this.indexes.size;
  }

  private indexFor(source: RankingSource): CachedIndex {
    const glossaryJson = JSON.stringify(source.glossary ?? null);
    const key = JSON.stringify([source.orgId, source.sourceId, source.schema.version, textHash(glossaryJson)]);
    let cached = this.indexes.get(key);
    if (!cached) {
      const index = new SchemaLexicalIndex(source.schema, source.glossary);
      cached = {
        index,
        graph: new JoinGraph(source.schema.foreignKeys),
        tableTexts: source.schema.tables.map((t) => ({ id: t.name, text: tableEmbeddingText(t, source.glossary) })),
        bytes: 2 * INDEX_BYTES_PER_SOURCE_BYTE * (JSON.stringify(source.schema).length + glossaryJson.length),
      };
      this.indexes.set(key, cached);
    }
    return cached;
  }
}

/** Context is built from one organization's data only; anything else is a caller bug. */
export function assertSameOrg(ctx: RequestContext, orgId: string, what: string): void {
  if (orgId !== ctx.orgId) {
    throw new Error(`Refusing to use ${what}: it belongs to another organization than the caller's (${ctx.orgId}).`);
  }
}
