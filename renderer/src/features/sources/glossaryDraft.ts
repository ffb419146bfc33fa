/** The business glossary as a form holds it (plain strings), its validation, and import helpers. */
import { type Glossary, type GlossaryMetric, parseGlossary } from '../../../../shared/types/semantic';

export const METRIC_FORMATS = ['currency', 'integer', 'number', 'percent'] as const;

export interface MetricDraft { name: string; synonyms: string; expression: string; filter: string; time: string; format: string; description: string }
export interface SynonymDraft { key: string; words: string }
/** `base` keeps the parts the editor does not change (name, description, reference date). */
export interface GlossaryDraft { base: Pick<Glossary, 'name' | 'description' | 'now'>; metrics: MetricDraft[]; synonyms: SynonymDraft[]; pii: string[] }
/** Problems keyed by draft path: `metrics.2.time`, `synonyms.0.key`, `pii.1`. */
export type FieldErrors = Record<string, string>;

const QUALIFIED_COLUMN = /^[^.\s]+\.[^.\s]+$/;
const TABLE_OR_COLUMN = /^[^.\s]+(\.[^.\s]+)?$/;

export const emptyMetric = (): MetricDraft => ({ name: '', synonyms: '', expression: '', filter: '', time: '', format: '', description: '' });

/** Comma-separated words → trimmed, non-empty, without repeats. */
export function splitWords(text: string): string[] {
  return [...new Set(text.split(',').map((w) => w.trim()).filter(Boolean))];
}

export function toDraft(glossary: Glossary | null): GlossaryDraft {
  return {
    base: { name: glossary?.name, description: glossary?.description, now: glossary?.now },
    metrics: (glossary?.metrics ?? []).map((m) => ({
      name: m.name, synonyms: m.synonyms.join(', '), expression: m.expression, filter: m.filter ?? '',
      time: m.time ?? '', format: m.format ?? '', description: m.description ?? '',
    })),
    synonyms: Object.entries(glossary?.synonyms ?? {}).map(([key, words]) => ({ key, words: words.join(', ') })),
    pii: [...(glossary?.pii ?? [])],
  };
}

export function metricFromDraft(m: MetricDraft): GlossaryMetric {
  return {
    name: m.name.trim(), synonyms: splitWords(m.synonyms), expression: m.expression.trim(),
    ...(m.filter.trim() ? { filter: m.filter.trim() } : {}), time: m.time.trim() || null,
    ...(m.format ? { format: m.format } : {}), ...(m.description.trim() ? { description: m.description.trim() } : {}),
  };
}

/** Keeps every entry in order, so a server error's index points at the same row of the form. */
export function fromDraft(draft: GlossaryDraft): Glossary {
  const metrics = draft.metrics.map(metricFromDraft);
  const synonyms: Record<string, string[]> = {};
  for (const s of draft.synonyms) synonyms[s.key.trim()] = splitWords(s.words);
  const base = Object.fromEntries(Object.entries(draft.base).filter(([, v]) => v !== undefined));
  return { ...base, metrics, synonyms, pii: draft.pii.map((p) => p.trim()) };
}

/** The same rules as the server's schema, worded for the person filling the form. */
export function validateDraft(draft: GlossaryDraft): FieldErrors {
  const errors: FieldErrors = {};
  const seenNames = new Set<string>();
  draft.metrics.forEach((m, i) => {
    const name = m.name.trim().toLowerCase();
    if (!name) errors[`metrics.${i}.name`] = 'Give the metric a name, e.g. “revenue”.';
    else if (seenNames.has(name)) errors[`metrics.${i}.name`] = `Another metric is already called “${m.name.trim()}”.`;
    seenNames.add(name);
    if (!m.expression.trim()) errors[`metrics.${i}.expression`] = 'Write the SQL aggregate, e.g. SUM(order_items.amount).';
    if (m.time.trim() && !QUALIFIED_COLUMN.test(m.time.trim())) errors[`metrics.${i}.time`] = 'Use the form table.column, e.g. orders.order_date, or leave it empty for a point-in-time snapshot.';
  });
  const seenKeys = new Set<string>();
  draft.synonyms.forEach((s, i) => {
    const key = s.key.trim();
    if (!TABLE_OR_COLUMN.test(key)) errors[`synonyms.${i}.key`] = 'Use a table name or table.column, e.g. customers.segment.';
    else if (seenKeys.has(key)) errors[`synonyms.${i}.key`] = `“${key}” is listed twice; merge the words into one row.`;
    seenKeys.add(key);
    if (splitWords(s.words).length === 0) errors[`synonyms.${i}.words`] = 'Add at least one word, separated by commas.';
  });
  const seenPii = new Set<string>();
  draft.pii.forEach((p, i) => {
    const column = p.trim();
    if (!QUALIFIED_COLUMN.test(column)) errors[`pii.${i}`] = 'Use the form table.column, e.g. customers.email.';
    else if (seenPii.has(column)) errors[`pii.${i}`] = `“${column}” is listed twice.`;
    seenPii.add(column);
  });
  return errors;
}

/** Maps the server's dotted field (`metrics.3.time`, `synonyms.orders.status.0`, `pii.1`) to the draft path. */
export function draftPathOf(field: string | undefined, draft: GlossaryDraft): string | null {
  if (!field) return null;
  const path = field.replace(/^glossary\./, '');
  const metric = /^metrics\.(\d+)\.(\w+)/.exec(path);
  if (metric) return `metrics.${metric[1]}.${metric[2]}`;
  if (/^pii\.\d+$/.test(path)) return path;
  if (path.startsWith('synonyms.')) {
    const rest = path.slice('synonyms.'.length);
    // Keys contain dots themselves (`customers.segment`): the longest key the path starts with wins.
    let best = -1;
    draft.synonyms.forEach((s, i) => {
      const key = s.key.trim();
      if ((rest === key || rest.startsWith(`${key}.`)) && (best < 0 || key.length > draft.synonyms[best].key.trim().length)) best = i;
    });
    if (best >= 0) return `synonyms.${best}.${rest === draft.synonyms[best].key.trim() ? 'key' : 'words'}`;
  }
  return null;
}

export type ParsedFile = { ok: true; glossary: Glossary } | { ok: false; message: string };

/** Reads a semantic.json text: invalid JSON and invalid fields both come back as one clear sentence. */
export function parseGlossaryFile(text: string): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `This file is not valid JSON (${(e as Error).message}). Check it in a text editor, or export a glossary from Aiser to see the expected form.` };
  }
  try {
    return { ok: true, glossary: parseGlossary(json) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

export interface GlossaryChanges {
  metrics: { added: string[]; changed: string[]; removed: string[] };
  synonyms: { added: string[]; changed: string[]; removed: string[] };
  pii: { added: string[]; removed: string[] };
}

function compareKeyed<T>(before: Map<string, T>, after: Map<string, T>) {
  const same = (a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && !same(before.get(k) as T, after.get(k) as T)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
  };
}

const metricMap = (g: Glossary | null) => new Map((g?.metrics ?? []).map((m) => [m.name, { ...m, time: m.time ?? null }]));

/** What replacing `current` by `next` would add, change and remove: the import preview. */
export function describeChanges(current: Glossary | null, next: Glossary): GlossaryChanges {
  const pii = new Set(current?.pii ?? []);
  const nextPii = new Set(next.pii);
  return {
    metrics: compareKeyed(metricMap(current), metricMap(next)),
    synonyms: compareKeyed(new Map(Object.entries(current?.synonyms ?? {})), new Map(Object.entries(next.synonyms))),
    pii: { added: [...nextPii].filter((p) => !pii.has(p)), removed: [...pii].filter((p) => !nextPii.has(p)) },
  };
}

export function hasChanges(changes: GlossaryChanges): boolean {
  const { metrics, synonyms, pii } = changes;
  return [metrics.added, metrics.changed, metrics.removed, synonyms.added, synonyms.changed, synonyms.removed, pii.added, pii.removed].some((l) => l.length > 0);
}
