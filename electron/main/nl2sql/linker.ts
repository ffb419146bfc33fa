/** Links the words of a question to metrics, tables, columns and values of the semantic model,
 *  tolerating inflections and typos (fuzzy matching above a similarity threshold). */
import type { MetricModel, Phrase, SemanticModel } from './model';
import { STOP_WORDS, stem, wordSimilarity } from './text';

export type LinkTarget =
  | { type: 'metric'; metric: MetricModel }
  | { type: 'table'; table: string }
  | { type: 'column'; table: string; column: string }
  | { type: 'value'; table: string; column: string; value: string };

export interface Token {
  text: string;
  stem: string;
  start: number;
  end: number;
}

export interface Candidate {
  target: LinkTarget;
  score: number;
}

export interface Mention {
  /** Token range [from, to). */
  from: number;
  to: number;
  text: string;
  candidates: Candidate[];
}

/** Fuzzy matches below this similarity are ignored. */
export const FUZZY_THRESHOLD = 0.78;

interface Entry {
  stems: string[];
  weight: number;
  target: LinkTarget;
  /** A common word ("amount") links only when typed exactly, never as a typo of another word. */
  exactOnly?: boolean;
}

export interface LinkIndex {
  byFirstStem: Map<string, Entry[]>;
  vocabulary: string[];
}

export function buildLinkIndex(model: SemanticModel): LinkIndex {
  const entries: Entry[] = [];
  const add = (phrases: Phrase[], target: LinkTarget, ownName?: string, exactValue = false) => {
    for (const p of phrases) {
      // Glossary words (weight 1) are the user's own vocabulary and count even when common; so is a
      // measure column's whole name ("amount", "value"): a bare aggregate over it is still asked for.
      const common = p.stems.length === 1 && STOP_WORDS.has(p.stems[0]) && p.weight < 1 && p.stems[0] !== ownName;
      if (p.stems.length === 0 || common) continue;
      const exactOnly = exactValue || (p.stems.length === 1 && STOP_WORDS.has(p.stems[0]) && p.weight < 1);
      entries.push({ stems: p.stems, weight: p.weight, target, ...(exactOnly ? { exactOnly } : {}) });
    }
  };
  for (const m of model.metrics) add(m.phrases, { type: 'metric', metric: m });
  for (const t of model.tables.values()) {
    add(t.phrases, { type: 'table', table: t.name });
    for (const c of t.columns) if (!c.pii) add(c.phrases, { type: 'column', table: t.name, column: c.name }, c.role === 'measure' ? stem(c.label.split(' ').pop()!) : undefined);
  }
  // Data values are matched as typed (or with a typo in a long word): "start" is not the value "Star".
  for (const v of model.values) if (!v.stems.every((s) => /^\d/.test(s))) add([{ stems: v.stems, weight: 0.98 }], { type: 'value', table: v.table, column: v.column, value: v.value }, undefined, v.stems.some((s) => s.length < 7));
  const byFirstStem = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = byFirstStem.get(e.stems[0]) ?? [];
    list.push(e);
    byFirstStem.set(e.stems[0], list);
  }
  const vocabulary = [...new Set(entries.flatMap((e) => e.stems))];
  return { byFirstStem, vocabulary };
}

/** Lower-case word tokens with their character offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[a-z0-9][a-z0-9$%.]*(?:'[a-z]+)?/g)) {
    const raw = m[0].replace(/[.]+$/, '').replace(/'s$/, '');
    if (!raw) continue;
    out.push({ text: raw, stem: stem(raw), start: m.index!, end: m.index! + raw.length });
  }
  return out;
}

/** Alternatives for each token: itself, plus close vocabulary words for typos. */
function alternatives(tokens: Token[], index: LinkIndex): Map<string, number>[] {
  return tokens.map((t) => {
    const alts = new Map<string, number>([[t.stem, 1]]);
    if (t.stem.length < 5 || index.byFirstStem.has(t.stem) || /\d/.test(t.stem)) return alts;
    for (const v of index.vocabulary) {
      const s = wordSimilarity(t.stem, v);
      if (s >= FUZZY_THRESHOLD && s < 1) alts.set(v, s);
    }
    return alts;
  });
}

/**
 * Finds mentions over tokens not blocked (time expressions, numbers). Longer phrases win over the
 * shorter ones they contain; every target matching the winning span is kept as a candidate.
 */
export function link(tokens: Token[], blocked: boolean[], index: LinkIndex): Mention[] {
  const alts = alternatives(tokens, index);
  type Hit = { from: number; to: number; target: LinkTarget; score: number };
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (blocked[i]) continue;
    for (const [firstStem, firstSim] of alts[i]) {
      for (const e of index.byFirstStem.get(firstStem) ?? []) {
        if (e.exactOnly && firstSim < 1) continue;
        let sim = firstSim;
        let ok = true;
        for (let k = 1; k < e.stems.length && ok; k++) {
          const j = i + k;
          const s = j < tokens.length && !blocked[j] ? alts[j].get(e.stems[k]) : undefined;
          if (s === undefined) ok = false;
          else sim *= s;
        }
        if (ok) hits.push({ from: i, to: i + e.stems.length, target: e.target, score: e.weight * sim });
      }
    }
  }
  hits.sort((a, b) => b.to - b.from - (a.to - a.from) || b.score - a.score);
  const used = new Array<boolean>(tokens.length).fill(false);
  const mentions: Mention[] = [];
  for (const h of hits) {
    const existing = mentions.find((m) => m.from === h.from && m.to === h.to);
    if (existing) {
      if (!existing.candidates.some((c) => sameTarget(c.target, h.target))) existing.candidates.push({ target: h.target, score: h.score });
      continue;
    }
    if (used.slice(h.from, h.to).some(Boolean)) continue;
    for (let k = h.from; k < h.to; k++) used[k] = true;
    const text = tokens.slice(h.from, h.to).map((t) => t.text).join(' ');
    mentions.push({ from: h.from, to: h.to, text, candidates: [{ target: h.target, score: h.score }] });
  }
  for (const m of mentions) m.candidates.sort((a, b) => b.score - a.score);
  return mentions.sort((a, b) => a.from - b.from);
}

export function sameTarget(a: LinkTarget, b: LinkTarget): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'metric': return a.metric === (b as typeof a).metric;
    case 'table': return a.table === (b as typeof a).table;
    case 'column': return a.table === (b as typeof a).table && a.column === (b as typeof a).column;
    case 'value': { const v = b as typeof a; return a.table === v.table && a.column === v.column && a.value === v.value; }
  }
}
