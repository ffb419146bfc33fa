/**
 * Downloads the recommended sentence-embedding model into resources/models/ for packaging
 * (`npm run models:fetch`). Needs internet; the app itself never downloads models.
 *
 *   npx tsx scripts/models-fetch.ts [--model Xenova/all-MiniLM-L6-v2] [--dir resources/models] [--force]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { shutdownEmbeddingHost } from '../electron/main/context/embeddings/embeddingHost';
import { inspectModelFolder } from '../electron/main/context/embeddings/modelFolder';
import { WorkerEmbedder } from '../electron/main/context/embeddings/workerEmbedder';

const DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];
const OPTIONAL_FILES = ['special_tokens_map.json'];

async function download(url: string, target: string, optional: boolean): Promise<void> {
  const response = await fetch(url, { redirect: 'follow' });
  if (response.status === 404 && optional) return;
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}. Check the model name and your internet connection.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, Buffer.from(await response.arrayBuffer()));
  console.log(`  ${path.basename(path.dirname(target)) === 'onnx' ? 'onnx/' : ''}${path.basename(target)} (${fs.statSync(target).size} bytes)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { model: { type: 'string', default: DEFAULT_MODEL }, dir: { type: 'string', default: 'resources/models' }, force: { type: 'boolean', default: false } },
  });
  const repo = values.model!;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error(`--model must look like owner/name (got "${repo}").`);
  const target = path.resolve(values.dir!, repo.split('/')[1]);
  if (fs.existsSync(target) && !values.force) {
    console.log(`${target} already exists; pass --force to download it again.`);
    return;
  }
  const staging = `${target}.download`;
  fs.rmSync(staging, { recursive: true, force: true });
  console.log(`Downloading ${repo} into ${target}`);
  for (const file of [...FILES, ...OPTIONAL_FILES]) {
    await download(`https://huggingface.co/${repo}/resolve/main/${file}`, path.join(staging, file), OPTIONAL_FILES.includes(file));
  }
  const folder = inspectModelFolder(staging);
  if ('problem' in folder) throw new Error(folder.problem);
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);

  // Load it the way the app does, to be sure the files work offline.
  const installed = inspectModelFolder(target);
  if ('problem' in installed) throw new Error(installed.problem);
  const embedder = await WorkerEmbedder.start(installed);
  const [vector] = await embedder.embed(['monthly revenue by region']);
  await embedder.dispose();
  console.log(`OK: ${installed.name} loads offline and produces ${vector.length}-dimensional vectors.`);
}

main()
  .catch((error: unknown) => {
    console.error(`models:fetch failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => shutdownEmbeddingHost());
