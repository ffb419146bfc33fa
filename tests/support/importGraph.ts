import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Every relative import (type-only ones included) of the .ts/.tsx files under `roots`, as
 *  repo-relative file → imported repo-relative files. Package imports are not edges. */
export function importGraph(repo: string, roots: readonly string[]): Map<string, string[]> {
  const files = roots.flatMap((root) => listSources(path.join(repo, root)));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((entry) => entry.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(path.dirname(file), name))
      .filter((target): target is string => target !== null);
    graph.set(path.relative(repo, file), [...new Set(targets.map((t) => path.relative(repo, t)))]);
  }
  return graph;
}

/** Import cycles as file paths (first file repeated at the end), each reported once. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

function resolve(fromDir: string, specifier: string): string | null {
  const base = path.resolve(fromDir, specifier.replace(/\.js$/, ''));
  if (/\.tsx?$/.test(base) && fs.existsSync(base)) return base;
  for (const extension of EXTENSIONS) if (fs.existsSync(base + extension)) return base + extension;
  return null;
}

function listSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listSources(full);
    return /\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [full] : [];
  });
}
