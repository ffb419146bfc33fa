/** Worker thread entry: hosts the loaded models (by folder) and embeds batches on request. */
import { parentPort } from 'node:worker_threads';
import { loadLocalEmbedder, type EmbedFunction } from './localPipeline';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('embeddingWorker must run inside a worker thread.');

const models = new Map<string, Promise<EmbedFunction>>();

async function handle(request: WorkerRequest): Promise<Float32Array[] | undefined> {
  switch (request.kind) {
    case 'load': {
      let loading = models.get(request.model.dir);
      if (!loading) models.set(request.model.dir, (loading = loadLocalEmbedder(request.model)));
      await loading.catch((error: unknown) => {
        models.delete(request.model.dir);
        throw error;
      });
      return undefined;
    }
    case 'embed': {
      const embed = models.get(request.modelDir);
      if (!embed) throw new Error(`the model in ${request.modelDir} is not loaded`);
      return (await embed)(request.texts);
    }
    case 'unload':
      models.delete(request.modelDir);
      return undefined;
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (vectors) => {
      const response: WorkerResponse = { kind: 'done', id: request.id, vectors };
      port.postMessage(response, (vectors ?? []).map((v) => v.buffer as ArrayBuffer));
    },
    (error: unknown) => {
      const response: WorkerResponse = { kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) };
      port.postMessage(response);
    },
  );
});
