import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/importGraph';

const repo = path.resolve(import.meta.dirname, '..', '..');

describe('import cycles', () => {
  it('finds a cycle made only of type imports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-cycles-'));
    fs.mkdirSync(path.join(dir, 'src', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), "import type { B } from './b';\nexport interface A { b: B }\n");
    fs.writeFileSync(path.join(dir, 'src', 'b', 'index.ts'), "import type { A } from '../a';\nexport interface B { a: A }\n");
    fs.writeFileSync(path.join(dir, 'src', 'c.ts'), "import { z } from 'zod';\nimport type { A } from './a';\nexport const c: A | null = z ? null : null;\n");
    expect(importCycles(importGraph(dir, ['src']))).toEqual([['src/a.ts', 'src/b/index.ts', 'src/a.ts']]);
  });

  it('keeps the main process, shared code and renderer free of import cycles (type imports included)', () => {
    const graph = importGraph(repo, ['electron', 'shared', 'renderer/src']);
    expect(graph.size).toBeGreaterThan(300);
    expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
