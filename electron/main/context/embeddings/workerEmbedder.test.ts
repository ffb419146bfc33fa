import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyEmbeddingModel } from '../testing/tinyEmbeddingModel';
import { cosine } from './embedder';
import { findInstalledModel, inspectModelFolder, type ModelFolder } from './modelFolder';
import { WorkerEmbedder } from './workerEmbedder';

const CANDIDATES = [
  'customer loyalty tier',
  'product category brand',
  'monthly revenues by regions',
  'web traffic visits signups',
  'marketing campaign spend budget',
];
const QUERY = 'monthly revenue by region';
const VOCABULARY = [...new Set([...CANDIDATES, QUERY].join(' ').split(' '))];

describe('on-device embeddings through the production loader (tiny ONNX model)', () => {
  let modelsDir: string;
  let embedder: WorkerEmbedder;
  let model: ModelFolder;

  beforeAll(async () => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-models-'));
    writeTinyEmbeddingModel(modelsDir, 'tiny-embedder', { vocabulary: VOCABULARY, dimension: 16 });
    const found = findInstalledModel(modelsDir);
    if (!found) throw new Error('the tiny model folder was not recognised');
    model = found;
    embedder = await WorkerEmbedder.start(model);
  });

  afterAll(async () => {
    await embedder?.dispose();
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  it('finds the installed model and prefers the quantised ONNX file', () => {
    expect(model.name).toBe('tiny-embedder');
    expect(model.quantized).toBe(true);
  });

  it('produces one unit-length vector of the model dimension per text', async () => {
    const vectors = await embedder.embed([QUERY, ...CANDIDATES]);
    expect(vectors).toHaveLength(CANDIDATES.length + 1);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector.length).toBe(16);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 4);
    }
  });

  it('ranks the planted near-duplicate first by cosine similarity', async () => {
    const [query, ...candidates] = await embedder.embed([QUERY, ...CANDIDATES]);
    const ranked = candidates.map((v, i) => ({ text: CANDIDATES[i], similarity: cosine(query, v) })).sort((a, b) => b.similarity - a.similarity);
    expect(ranked[0].text).toBe('monthly revenues by regions');
    expect(ranked[0].similarity).toBeGreaterThan(ranked[1].similarity + 0.1);
  });

  it('answers concurrent requests with their own texts', async () => {
    const [a, b] = await Promise.all([embedder.embed([CANDIDATES[0]]), embedder.embed([CANDIDATES[0], CANDIDATES[1]])]);
    expect(cosine(a[0], b[0])).toBeCloseTo(1, 5);
    expect(cosine(a[0], b[1])).toBeLessThan(0.99);
  });

  it('loads the float model when no quantised file is present', async () => {
    const floatDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-models-float-'));
    try {
      const folder = writeTinyEmbeddingModel(floatDir, 'tiny-float', { vocabulary: VOCABULARY });
      fs.rmSync(path.join(folder, 'onnx', 'model_quantized.onnx'));
      const floatModel = findInstalledModel(floatDir);
      expect(floatModel?.quantized).toBe(false);
      const floatEmbedder = await WorkerEmbedder.start(floatModel!);
      try {
        const [vector] = await floatEmbedder.embed([QUERY]);
        const [quantisedVector] = await embedder.embed([QUERY]);
        expect(cosine(vector, quantisedVector)).toBeGreaterThan(0.99);
      } finally {
        await floatEmbedder.dispose();
      }
    } finally {
      fs.rmSync(floatDir, { recursive: true, force: true });
    }
  });
});

describe('model folder detection', () => {
  it('reports no model when the folder is empty or incomplete, so ranking stays lexical', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-models-empty-'));
    try {
      expect(findInstalledModel(dir)).toBeNull();
      expect(findInstalledModel(path.join(dir, 'does-not-exist'))).toBeNull();
      fs.mkdirSync(path.join(dir, 'half'));
      fs.writeFileSync(path.join(dir, 'half', 'config.json'), '{}');
      expect(findInstalledModel(dir)).toBeNull();
      const inspected = inspectModelFolder(path.join(dir, 'half'));
      expect('problem' in inspected && inspected.problem).toMatch(/tokenizer\.json.*models:fetch/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails to start with a message naming the folder when the ONNX file is corrupt', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-models-corrupt-'));
    try {
      const folder = writeTinyEmbeddingModel(dir, 'broken', { vocabulary: ['x'] });
      fs.writeFileSync(path.join(folder, 'onnx', 'model_quantized.onnx'), 'not an onnx file');
      await expect(WorkerEmbedder.start(findInstalledModel(dir)!)).rejects.toThrow(/Could not load the embedding model in .*broken/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
