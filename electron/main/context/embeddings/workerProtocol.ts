/** Messages between the main thread and the embedding worker. Every request carries an id;
 *  the worker answers each with one response of the same id. */
import type { ModelFolder } from './modelFolder';

export type WorkerRequest =
  | { kind: 'load'; id: number; model: ModelFolder }
  | { kind: 'embed'; id: number; modelDir: string; texts: string[] }
  | { kind: 'unload'; id: number; modelDir: string };

export type WorkerResponse =
  | { kind: 'done'; id: number; vectors?: Float32Array[] }
  | { kind: 'failed'; id: number; message: string };
