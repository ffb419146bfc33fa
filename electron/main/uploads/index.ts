/** Server mode: a data file sent from the browser is checked and stored in the organization's
 *  file root, where a files data source can then read it in place. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RequestContext } from '../../../shared/types/auth';
import { checkDataFile, UploadRejectedError, type UploadType } from './checkFile';

export { checkDataFile, UploadRejectedError, UPLOAD_TYPES } from './checkFile';

/** Largest file accepted (before base64). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadRules {
  dataDir: string;
  fileRoots: readonly string[];
}

/** The organization's upload folder: under its first configured file root, else in the data folder. */
export function uploadFolder(ctx: RequestContext, rules: UploadRules): string {
  const root = rules.fileRoots[0];
  return root ? path.join(root.replaceAll('{orgId}', ctx.orgId), 'uploads') : path.join(rules.dataDir, 'uploads', ctx.orgId);
}

export async function storeUpload(ctx: RequestContext, input: { fileName: string; contentBase64: string }, rules: UploadRules): Promise<{ path: string; fileName: string; bytes: number; type: UploadType }> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new UploadRejectedError(`“${input.fileName}” is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, 'For bigger files, ask an administrator to put them in the server’s data folder and add them by path.');
  }
  const type = checkDataFile(input.fileName, bytes);
  const folder = uploadFolder(ctx, rules);
  await fs.mkdir(folder, { recursive: true });
  const safe = path.basename(input.fileName).replace(/[^\w.\- ]+/g, '_').replace(/^\.+/, '') || `upload.${type}`;
  const target = await freeName(folder, safe);
  await fs.writeFile(target, bytes, { flag: 'wx', mode: 0o640 });
  return { path: target, fileName: path.basename(target), bytes: bytes.length, type };
}

async function freeName(folder: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; ; i += 1) {
    const candidate = path.join(folder, i ? `${stem} (${i + 1})${ext}` : name);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}
