import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: repo });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer boundaries enforced by the linter', () => {
  it('keeps shared/ free of Node, Electron and DOM', async () => {
    expect(await problems('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await problems('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await problems('shared/x.ts', 'export const title = document.title;\n')).toEqual([expect.stringContaining('no-restricted-globals')]);
    expect(await problems('shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });

  it('keeps the renderer from importing the main process or Node', async () => {
    expect(await problems('renderer/src/x.ts', "import { createContainer } from '../../electron/main/container';\nexport const c = createContainer;\n"))
      .toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await problems('renderer/src/x.ts', "import path from 'path';\nexport const p = path;\n")).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await problems('renderer/src/x.ts', "import { contract } from '../../shared/api/contract';\nexport const c = contract;\n")).toEqual([]);
  });
});
