import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import { checkSourceLocation } from './sourceLocations';

const ctx = (orgId: string): RequestContext => ({ userId: 'u', orgId, role: 'admin', projectIds: [], sessionId: 's' });

describe('checkSourceLocation', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-locations-'));
  const dataDir = path.join(root, 'data');
  const shared = path.join(root, 'shared');
  for (const dir of [path.join(dataDir, 'demo', 'org-a'), path.join(dataDir, 'demo', 'org-b'), path.join(shared, 'org-a'), path.join(shared, 'org-b')]) fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.join(dataDir, 'demo', 'org-b'), path.join(shared, 'org-a', 'sneaky-link'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps organizations out of Aiser’s data folder except their own demo files', () => {
    const rules = { dataDir, fileRoots: [] };
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'files', path: path.join(dataDir, 'demo', 'org-a') }, rules)).not.toThrow();
    expect(() => checkSourceLocation(ctx('org-b'), { type: 'files', path: path.join(dataDir, 'demo', 'org-a') }, rules)).toThrow(/data folder/);
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'sqlite', path: path.join(dataDir, 'aiser.sqlite') }, rules)).toThrow(/data folder/);
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'files', path: path.join(dataDir, 'demo', 'org-a', '..', 'org-b') }, rules)).toThrow(/data folder/);
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'files', path: path.join(shared, 'org-a', 'sneaky-link') }, rules)).toThrow(/data folder/);
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'files', path: shared }, rules)).not.toThrow();
  });

  it('confines server-mode file sources to the configured per-organization roots', () => {
    const rules = { dataDir, fileRoots: [path.join(shared, '{orgId}')] };
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'files', path: path.join(shared, 'org-a', 'sales.csv') }, rules)).not.toThrow();
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'files', path: path.join(shared, 'org-b') }, rules)).toThrow(/configured folders/);
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'sqlite', path: '/etc/passwd' }, rules)).toThrow(/configured folders/);
    expect(() => checkSourceLocation(ctx('org-a'), { type: 'postgres' }, rules)).not.toThrow();
  });
});
