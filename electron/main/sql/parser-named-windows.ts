import { codeText } from './code-text';
import type { Segment } from './lexer';

/**
 * SQLite's grammar in node-sql-parser reads no `WINDOW w AS (…)` clause nor `OVER w`. SQLite
 * runs a named window exactly as the same specification written inline, so before parsing each
 * `OVER w` becomes `OVER (<w's specification>)` and the clause is dropped; the checks then see
 * every window in full. Left unchanged (and refused by the parser) when the text holds more than
 * one WINDOW clause or a window built on another, where inlining could change the meaning.
 */
const CLAUSE_START = /(^|[^a-z0-9_$.])window\s+([a-z_][a-z0-9_]*)\s+as\s*\(/gi;

export function inlineNamedWindows(segments: readonly Segment[]): Segment[] {
  const { text: joined, restore } = codeText(segments);
  const starts = [...joined.matchAll(CLAUSE_START)];
  if (starts.length !== 1) return [...segments];
  const clauseStart = starts[0].index + starts[0][1].length;
  const windows = new Map<string, string>();
  let at = clauseStart + 'window'.length;
  for (;;) {
    const head = /^\s*([a-z_][a-z0-9_]*)\s+as\s*\(/i.exec(joined.slice(at));
    if (!head) return [...segments];
    const open = at + head[0].length - 1;
    const close = matchingParen(joined, open);
    if (close < 0) return [...segments];
    const spec = joined.slice(open + 1, close).trim();
    const base = /^([a-z_][a-z0-9_]*)\b/i.exec(spec)?.[1]?.toLowerCase();
    if (base && !['partition', 'order', 'rows', 'range', 'groups'].includes(base)) return [...segments];
    windows.set(head[1].toLowerCase(), spec);
    at = close + 1;
    const comma = /^\s*,/.exec(joined.slice(at));
    if (!comma) break;
    at += comma[0].length;
  }
  const rest = joined.slice(at);
  let text = joined.slice(0, clauseStart) + ' ' + rest;
  let unknown = false;
  text = text.replace(/(^|[^a-z0-9_$.])over\s+([a-z_][a-z0-9_]*)\b(?!\s*\()/gi, (match: string, lead: string, name: string) => {
    const spec = windows.get(name.toLowerCase());
    if (spec === undefined) unknown = true;
    return spec === undefined ? match : `${lead}over (${spec})`;
  });
  if (unknown) return [...segments];
  return restore(text);
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}
