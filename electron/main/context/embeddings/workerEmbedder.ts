/** An Embedder whose model runs in the embedding worker, so embedding never blocks the main thread. */
import type { Embedder } from './embedder';
import { embeddingHost } from './embeddingHost';
import type { ModelFolder } from './modelFolder';

export class WorkerEmbedder implements Embedder {
  readonly modelId: string;
  private disposed = false;

  private constructor(private readonly model: ModelFolder) {
    this.modelId = model.name;
  }

  /** Loads the model in the worker; rejects with a message naming the folder if it cannot. */
  static async start(model: ModelFolder): Promise<WorkerEmbedder> {
    try {
      await embeddingHost().request({ kind: 'load', model });
    } catch (error) {
      throw new Error(`Could not load the embedding model in ${model.dir}: ${(error as Error).message}`);
    }
    return new WorkerEmbedder(model);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.disposed) throw new Error(`The embedder for ${this.model.name} was disposed.`);
    if (texts.length === 0) return [];
    return (await embeddingHost().request({ kind: 'embed', modelDir: this.model.dir, texts: [...texts] })) ?? [];
  }

  /** Releases the model in the worker; the worker itself stays for other models. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await embeddingHost().request({ kind: 'unload', modelDir: this.model.dir });
  }
}
