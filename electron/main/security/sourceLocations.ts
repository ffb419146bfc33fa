import fs from 'node:fs';
import path from 'node:path';
import type { RequestContext } from '../../../shared/types/auth';
import { ForbiddenError } from './dataPolicies';

export interface SourceLocationRules {
  /** The app's data folder: its store, keys and other organizations' demo files live there. */
  dataDir: string;
  /** Server mode: folders file sources must be inside (`{orgId}` is replaced by the caller's
   *  organization). Empty: anywhere outside the data folder (desktop: the person's own files). */
  fileRoots: readonly string[];
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

/**
 * Refuses file and SQLite sources that would read outside what the caller's organization may
 * read: Aiser's own data folder (the store, keys, other organizations' files) except the
 * caller's demo and upload folders, and — when roots are configured — anything outside them.
 */
export function checkSourceLocation(ctx: RequestContext, config: { type: string; path?: string }, rules: SourceLocationRules): void {
  if ((config.type !== 'files' && config.type !== 'sqlite') || typeof config.path !== 'string') return;
  const target = realPath(config.path);
  const dataDir = realPath(rules.dataDir);
  const own = [path.join(dataDir, 'demo', ctx.orgId), path.join(dataDir, 'uploads', ctx.orgId)];
  if (isInside(target, dataDir) && !own.some((folder) => isInside(target, folder))) {
    throw new ForbiddenError('Files inside Aiser’s data folder cannot be added as a data source.', 'Choose a folder or file outside the Aiser data folder.');
  }
  if (!rules.fileRoots.length) return;
  const roots = rules.fileRoots.map((root) => realPath(root.replaceAll('{orgId}', ctx.orgId)));
  if (!roots.some((root) => isInside(target, root))) {
    throw new ForbiddenError('This server only reads data files from its configured folders.', `Put the file under ${roots.join(' or ')} and try again.`);
  }
}
