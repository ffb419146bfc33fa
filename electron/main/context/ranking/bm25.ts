/** A BM25 index over weighted fields (BM25F-lite): a term found in a table's name counts more
 *  than the same term found in one of its columns. Build once per schema version, query often. */

export interface WeightedText {
  terms: string[];
  weight: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  /** Only documents whose group (see `add`) is in this set. */
  groups?: ReadonlySet<string>;
}

interface IndexedDoc {
  id: string;
  group: string;
  length: number;
}

const K1 = 1.2;
const B = 0.6;

export class Bm25Index {
  private readonly docs: IndexedDoc[] = [];
  /** term → postings: doc indexes and their weighted term frequencies, side by side. */
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private totalLength = 0;

  /** Adds a document; `group` (default: the id) lets a search keep e.g. one table's columns. */
  add(id: string, fields: WeightedText[], group = id): void {
    const tf = new Map<string, number>();
    let length = 0;
    for (const field of fields) {
      for (const term of field.terms) {
        tf.set(term, (tf.get(term) ?? 0) + field.weight);
        length += field.weight;
      }
    }
    const docIndex = this.docs.length;
    this.docs.push({ id, group, length });
    this.totalLength += length;
    for (const [term, count] of tf) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(docIndex);
      list.tfs.push(count);
    }
  }

  get size(): number {
    return this.docs.length;
  }

  /** Documents matching at least one query term, best first. Repeated query terms count once. */
  search(queryTerms: readonly string[], options: SearchOptions = {}): Bm25Hit[] {
    const n = this.docs.length;
    if (n === 0) return [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const avgLength = this.totalLength / n || 1;
    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const df = list.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < df; i++) {
        const doc = list.docs[i];
        if (options.groups && !options.groups.has(this.docs[doc].group)) continue;
        const tf = list.tfs[i];
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.docs[doc].length) / avgLength));
      }
    }
    let hits = touched.map((doc) => ({ id: this.docs[doc].id, score: scores[doc] }));
    if (hits.length > limit * 4) hits = roughTop(hits, limit);
    hits.sort(byScoreThenId);
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }
}

const byScoreThenId = (a: Bm25Hit, b: Bm25Hit) => b.score - a.score || a.id.localeCompare(b.id);

/** Narrows a long hit list to (at least) its `limit` best without sorting all of it: keeps
 *  every hit scoring at or above the limit-th best score, found by sorting the scores only. */
function roughTop(hits: Bm25Hit[], limit: number): Bm25Hit[] {
  const scores = Float64Array.from(hits, (h) => h.score).sort();
  const threshold = scores[scores.length - limit];
  return hits.filter((h) => h.score >= threshold);
}
