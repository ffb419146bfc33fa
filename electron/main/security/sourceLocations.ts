import fs from 'node:fs';
import path from 'node:path';
import type { RequestContext } from '../../../shared/types/auth';
import { ForbiddenError } from './dataPolicies';

export interface SourceLocationRules {
  /** The app's data folder: its store, keys and other organizations' demo files live there. */
  dataDir: string;
  /** Folders file sources must be inside (`{orgId}` is replaced by the caller's organization). */
  fileRoots: readonly string[];
  /** Server mode: with no roots configured, file sources are refused (only the organization's
   *  demo files can be read). Desktop: anywhere outside the data folder (the person's own files). */
  rootsRequired?: boolean;
}

/** The path with symlinks resolved as far as it exists, so a link cannot point out of a root. */
function realPath(target: string): string {
  const absolute = path.resolve(target);
  let existing = absolute;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return path.join(fs.realpathSync.native(existing), path.relative(existing, absolute));
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real paths a file source reads: the file, or the folder and each file in it (a file in
 *  the folder may itself be a link elsewhere). */
function pathsRead(configured: string): string[] {
  const target = realPath(configured);
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return [target];
  const entries = fs.readdirSync(target).filter((name) => !name.startsWith('.')).map((name) => realPath(path.join(target, name)));
  return [target, ...entries];
}

/**
 * Refuses file and SQLite sources that would read outside what the caller's organization may
 * read: Aiser's own data folder (the store, keys, other organizations' files) except the
 * caller's demo and upload folders, and — when roots are configured or required — anything outside them.
 * Called when a source is saved and again before every use, with links resolved each time, so
 * a file swapped for a link after it was added is caught when it is next opened.
 */
export function checkSourceLocation(ctx: RequestContext, config: { type: string; path?: string }, rules: SourceLocationRules): void {
  if ((config.type !== 'files' && config.type !== 'sqlite') || typeof config.path !== 'string') return;
  for (const target of pathsRead(config.path)) checkOnePath(ctx, target, rules);
}

function checkOnePath(ctx: RequestContext, target: string, rules: SourceLocationRules): void {
  const dataDir = realPath(rules.dataDir);
  const own = [path.join(dataDir, 'demo', ctx.orgId), path.join(dataDir, 'uploads', ctx.orgId)];
  if (isInside(target, dataDir) && !own.some((folder) => isInside(target, folder))) {
    throw new ForbiddenError('Files inside Aiser’s data folder cannot be used as a data source.', 'Choose a folder or file outside the Aiser data folder.');
  }
  if (own.some((folder) => isInside(target, folder))) return;
  if (!rules.fileRoots.length) {
    if (!rules.rootsRequired) return;
    throw new ForbiddenError('This server reads data files only from folders its administrator has configured, and none are.', 'Ask the administrator to set AISER_FILE_ROOTS to the folders data files may be read from.');
  }
  const roots = rules.fileRoots.map((root) => realPath(root.replaceAll('{orgId}', ctx.orgId)));
  if (!roots.some((root) => isInside(target, root))) {
    throw new ForbiddenError('This server only reads data files from its configured folders.', `Put the file under ${roots.join(' or ')} and try again.`);
  }
}
