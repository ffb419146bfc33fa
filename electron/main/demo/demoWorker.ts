/** Worker entry (bundled as demoWorker.js beside the main bundle): writes the demo files for the
 *  folder it is given and posts the result, so the main thread keeps serving meanwhile. */
import { parentPort, workerData } from 'node:worker_threads';
import { generateDemoData } from './generateDemoData';

const { dir } = workerData as { dir: string };
generateDemoData(dir).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: Error) => parentPort?.postMessage({ ok: false, message: error.message }),
);
