/** Decides the role each linked mention plays: measure, group-by dimension, filter value,
 *  counted entity, qualifier of a neighbour, or mere context. */
import type { Cues } from './cues';
import { joinDistance } from './joins';
import type { Candidate, LinkTarget, Mention, Token } from './linker';
import type { MetricModel, SemanticModel } from './model';

export type Target<T extends LinkTarget['type']> = Extract<LinkTarget, { type: T }>;

export interface RoledMention {
  mention: Mention;
  grouped: boolean;
  negated: boolean;
  /** Mention right before, when nothing separates them. */
  qualifies?: RoledMention;
}

const GROUP_WORDS = new Set(['by', 'per', 'each', 'every', 'across', 'which', 'what', 'who', 'whose']);
const SKIP_BACK = new Set(['the', 'a', 'an', 'our', 'its', 'their', 'one']);
const NEGATION = /\b(excluding|exclude|except|not|without|other than|non|no|never|outside|ignoring)(?:\s+(?:the|any|of|a|an|been|be|yet|ever|belong|belonging|to|in|have|has|had|got|assigned|linked|received))*[\s-]*$/;

export function best<T extends LinkTarget['type']>(m: Mention, type: T): (Candidate & { target: Target<T> }) | undefined {
  const top = m.candidates[0]?.score ?? 0;
  return m.candidates.find((c) => c.target.type === type && c.score >= top - 0.12) as (Candidate & { target: Target<T> }) | undefined;
}

/** Any candidate of that type, however weak. */
export function anyOf<T extends LinkTarget['type']>(m: Mention, type: T): (Candidate & { target: Target<T> }) | undefined {
  return m.candidates.find((c) => c.target.type === type) as (Candidate & { target: Target<T> }) | undefined;
}

export function assignRoles(tokens: Token[], mentions: Mention[], cues: Cues, text: string): RoledMention[] {
  const roled: RoledMention[] = mentions.map((mention) => ({ mention, grouped: false, negated: false }));
  const rankEnd = cues.rank?.span[1];
  roled.forEach((r, i) => {
    let k = r.mention.from - 1;
    while (k >= 0 && (SKIP_BACK.has(tokens[k].text) || /^\d+$/.test(tokens[k].text))) k--;
    const prevWord = k >= 0 ? tokens[k].text : '';
    const prev = roled[i - 1];
    // Right after "top 5" / "lowest selling": the ranked thing, at most one word in between.
    const between = rankEnd === undefined ? 99 : tokens.filter((t) => t.start >= rankEnd && t.start < tokens[r.mention.from].start).length;
    const afterRank = rankEnd !== undefined && tokens[r.mention.from].start >= rankEnd && between <= 1 && !roled.slice(0, i).some((o) => o.grouped && tokens[o.mention.from].start >= rankEnd);
    if (GROUP_WORDS.has(prevWord) || afterRank) r.grouped = true;
    else if ((prevWord === 'and' || prevWord === 'or') && prev?.grouped && prev.mention.to === k) r.grouped = true;
    if (prev && prev.mention.to === r.mention.from) r.qualifies = prev;
    const before = text.slice(Math.max(0, tokens[r.mention.from].start - 40), tokens[r.mention.from].start);
    if (NEGATION.test(before) || /\bnot counting\s*$/.test(before)) r.negated = true;
  });
  // "paid by students from Norway": the agent of a participle, narrowed by its own value, is no breakdown.
  roled.forEach((r, i) => {
    const next = roled[i + 1];
    const table = r.grouped && r.mention.candidates[0].target.type === 'table' ? r.mention.candidates[0].target.table : undefined;
    const value = next && next.mention.candidates.find((c) => c.target.type === 'value')?.target;
    const between = next ? text.slice(tokens[r.mention.to - 1].end, tokens[next.mention.from].start) : '';
    const agent = /\b(?:\w+ed|paid|made|sold|taught|written|bought|spent|held|run|done)\s+by\s+(?:the\s+)?$/.test(text.slice(0, tokens[r.mention.from].start));
    if (table && agent && value?.type === 'value' && value.table === table && /^\s+(?:from|in|with|who|that)\s+(?:the\s+)?$/.test(between)) r.grouped = false;
  });
  return roled;
}

/** Picks, among value candidates of a mention, the one closest to the query's tables;
 *  a neighbouring mention naming the value's column ("Gold tier") wins outright. */
export function chooseValue(model: SemanticModel, r: RoledMention, neighbours: RoledMention[], anchors: string[]): Target<'value'> | undefined {
  const values = r.mention.candidates.filter((c) => c.target.type === 'value') as (Candidate & { target: Target<'value'> })[];
  if (!values.length) return undefined;
  const named = values.find((v) => neighbours.some((n) => n.mention.candidates.some((c) => c.target.type === 'column' && c.target.table === v.target.table && c.target.column === v.target.column)));
  if (named) return named.target;
  const distance = (t: string) => Math.min(...anchors.map((a) => joinDistance(model, a, t)), 99);
  return [...values].sort((a, b) => b.score - a.score || distance(a.target.table) - distance(b.target.table))[0].target;
}

export function metricOf(r: RoledMention): MetricModel | undefined {
  return best(r.mention, 'metric')?.target.metric;
}
