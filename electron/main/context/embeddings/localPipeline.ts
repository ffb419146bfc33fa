/** Loads a sentence-embedding model from a local folder with transformers.js, never from the
 *  network: mean pooling over tokens, then L2 normalisation. Runs wherever it is called; the
 *  app calls it inside the embedding worker. */
import path from 'node:path';
import { env, pipeline } from '@xenova/transformers';
import type { ModelFolder } from './modelFolder';

export type EmbedFunction = (texts: readonly string[]) => Promise<Float32Array[]>;

export async function loadLocalEmbedder(model: ModelFolder): Promise<EmbedFunction> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.localModelPath = `${path.dirname(model.dir)}${path.sep}`;
  const extract = await pipeline('feature-extraction', model.name, { quantized: model.quantized, local_files_only: true });
  return async (texts) => {
    if (texts.length === 0) return [];
    const output = await extract([...texts], { pooling: 'mean', normalize: true });
    const [rows, dimension] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, row) => data.slice(row * dimension, (row + 1) * dimension));
  };
}
