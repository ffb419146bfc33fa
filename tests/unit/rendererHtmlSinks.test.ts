import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(import.meta.dirname, '../../renderer/src');
/** Ways text becomes markup in the page; model output and data must never reach one. */
const HTML_SINKS = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|createContextualFragment/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('renderer shows model and data text as text', () => {
  it('has no HTML sink anywhere in the renderer sources', () => {
    const files = sourceFiles(RENDERER);
    expect(files.length).toBeGreaterThan(20);
    const offending = files.filter((file) => HTML_SINKS.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(RENDERER, file));
    expect(offending).toEqual([]);
  });
});
