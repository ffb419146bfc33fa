import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyEmbeddingModel } from '../testing/tinyEmbeddingModel';
import { embedWithCache } from './cachedEmbedding';
import type { Embedder } from './embedder';
import { findInstalledModel } from './modelFolder';
import { InMemoryVectorCache, textHash } from './vectorCache';
import { WorkerEmbedder } from './workerEmbedder';

/** Passes through to the real model and records which texts reached it. */
class RecordingEmbedder implements Embedder {
  readonly seen: string[] = [];
  constructor(private readonly inner: Embedder) {}
  get modelId() {
    return this.inner.modelId;
  }
  embed(texts: readonly string[]) {
    this.seen.push(...texts);
    return this.inner.embed(texts);
  }
  dispose() {
    return this.inner.dispose();
  }
}

describe('vector cache', () => {
  let dir: string;
  let model: WorkerEmbedder;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-vcache-'));
    writeTinyEmbeddingModel(dir, 'tiny', { vocabulary: ['orders', 'customers', 'regions', 'stores'] });
    model = await WorkerEmbedder.start(findInstalledModel(dir)!);
  });

  afterAll(async () => {
    await model?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('embeds only texts it has not seen for this organization, model and schema version', async () => {
    const embedder = new RecordingEmbedder(model);
    const cache = new InMemoryVectorCache();
    const scope = { orgId: 'org-a', scope: 'schema:s1:v1' };
    const first = await embedWithCache(embedder, cache, scope, ['orders', 'customers']);
    const second = await embedWithCache(embedder, cache, scope, ['customers', 'regions', 'orders']);
    expect(embedder.seen).toEqual(['orders', 'customers', 'regions']);
    expect(second[0]).toEqual(first[1]);
    expect(second[2]).toEqual(first[0]);

    await embedWithCache(embedder, cache, { orgId: 'org-b', scope: 'schema:s1:v1' }, ['orders']);
    await embedWithCache(embedder, cache, { orgId: 'org-a', scope: 'schema:s1:v2' }, ['orders']);
    expect(embedder.seen).toEqual(['orders', 'customers', 'regions', 'orders', 'orders']);
  });

  it('forgets the oldest vectors when full', async () => {
    const cache = new InMemoryVectorCache(2);
    const key = (text: string) => ({ orgId: 'o', modelId: 'm', scope: 's', textHash: textHash(text) });
    const v = new Float32Array([1]);
    await cache.put([{ key: key('a'), vector: v }, { key: key('b'), vector: v }, { key: key('c'), vector: v }]);
    expect(cache.size).toBe(2);
    expect(await cache.get([key('a'), key('b'), key('c')])).toEqual([undefined, v, v]);
  });

  it('forgets the least recently used vectors when over its byte budget', async () => {
    const key = (text: string) => ({ orgId: 'o', modelId: 'm', scope: 's', textHash: textHash(text) });
    const vector = () => new Float32Array(384);
    const probe = new InMemoryVectorCache();
    await probe.put([{ key: key('a'), vector: vector() }]);
    const oneEntry = probe.bytes;
    expect(oneEntry).toBeGreaterThan(384 * 4);
    const cache = new InMemoryVectorCache(1_000, oneEntry * 2);
    await cache.put([{ key: key('a'), vector: vector() }, { key: key('b'), vector: vector() }]);
    await cache.get([key('a')]);
    await cache.put([{ key: key('c'), vector: vector() }]);
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(oneEntry * 2);
    const [a, b, c] = await cache.get([key('a'), key('b'), key('c')]);
    expect([a !== undefined, b !== undefined, c !== undefined]).toEqual([true, false, true]);
    await cache.put([{ key: key('huge'), vector: new Float32Array(384 * 3) }]);
    expect(cache.size).toBe(2);
  });
});
