import type { Segment } from './lexer';

const SENTINEL = '\u0000';

/** The code of a statement as one text, each literal, quoted name or comment standing as a
 *  placeholder, so text rewrites of the code cannot reach inside them; `restore` splits the
 *  rewritten text back into segments with the originals in place. */
export function codeText(segments: readonly Segment[]): { text: string; restore: (rewritten: string) => Segment[] } {
  const literals: Segment[] = [];
  const text = segments.map((s) => {
    if (s.kind === 'code') return s.text;
    literals.push(s);
    return `${SENTINEL}${literals.length - 1}${SENTINEL}`;
  }).join('');
  const restore = (rewritten: string) => rewritten.split(SENTINEL).map((part, i) => (i % 2 === 0 ? { kind: 'code' as const, text: part } : literals[Number(part)]!));
  return { text, restore };
}
