/** Finds an installed sentence-embedding model under `resources/models/<name>/`. */
import fs from 'node:fs';
import path from 'node:path';

export interface ModelFolder {
  /** Folder name, used as the model id. */
  name: string;
  /** The folder holding config.json, tokenizer files and onnx/. */
  dir: string;
  /** True when onnx/model_quantized.onnx is present (preferred: smaller and faster). */
  quantized: boolean;
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

/** Describes `dir` as a model folder, or explains what is missing. */
export function inspectModelFolder(dir: string): ModelFolder | { problem: string } {
  const missing = REQUIRED_FILES.filter((file) => !fs.existsSync(path.join(dir, file)));
  const quantized = fs.existsSync(path.join(dir, 'onnx', 'model_quantized.onnx'));
  if (!quantized && !fs.existsSync(path.join(dir, 'onnx', 'model.onnx'))) missing.push('onnx/model_quantized.onnx (or onnx/model.onnx)');
  if (missing.length > 0) return { problem: `${dir} is missing ${missing.join(', ')}. Run \`npm run models:fetch\` on a machine with internet, or copy a complete model folder there.` };
  return { name: path.basename(dir), dir: path.resolve(dir), quantized };
}

/** The first complete model folder under `modelsDir` (preferred name first), or null when none
 *  is installed: the caller then ranks lexically only. */
export function findInstalledModel(modelsDir: string, preferred?: string): ModelFolder | null {
  if (!fs.existsSync(modelsDir)) return null;
  const names = fs
    .readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => Number(b === preferred) - Number(a === preferred) || a.localeCompare(b));
  for (const name of names) {
    const folder = inspectModelFolder(path.join(modelsDir, name));
    if ('dir' in folder) return folder;
  }
  return null;
}
