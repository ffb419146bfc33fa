import { describe, expect, it } from 'vitest';
import { type Glossary, glossarySchema } from '../../../../shared/types/semantic';
import { describeChanges, draftPathOf, emptyMetric, fromDraft, hasChanges, parseGlossaryFile, splitWords, toDraft, validateDraft } from './glossaryDraft';

const glossary: Glossary = {
  name: 'shop', now: '2026-07-01',
  metrics: [
    { name: 'revenue', synonyms: ['sales', 'turnover'], expression: 'SUM(order_items.amount)', filter: "orders.status <> 'cancelled'", time: 'orders.order_date', format: 'currency' },
    { name: 'open tickets', synonyms: [], expression: 'COUNT(*)', filter: "tickets.opened_on <= '{as_of}'", time: null, description: 'A snapshot.' },
  ],
  synonyms: { customers: ['clients', 'accounts'], 'customers.segment': ['tier'] },
  pii: ['customers.email'],
};

describe('glossary draft', () => {
  it('round-trips a glossary through the form without losing anything', () => {
    expect(fromDraft(toDraft(glossary))).toEqual(glossary);
    expect(glossarySchema.parse(fromDraft(toDraft(glossary)))).toEqual(glossary);
  });

  it('turns the form strings into the file’s types: words split, blanks dropped, empty time = snapshot', () => {
    const draft = toDraft(null);
    draft.metrics.push({ ...emptyMetric(), name: ' big orders ', synonyms: 'large orders, , whales, whales', expression: 'COUNT(DISTINCT orders.order_id)', filter: ' ', time: '' });
    expect(fromDraft(draft).metrics[0]).toEqual({ name: 'big orders', synonyms: ['large orders', 'whales'], expression: 'COUNT(DISTINCT orders.order_id)', time: null });
    expect(splitWords(' a,b , a,')).toEqual(['a', 'b']);
  });

  it('names each invalid field with what to write instead', () => {
    const draft = toDraft(glossary);
    draft.metrics.push({ ...emptyMetric(), name: 'Revenue', time: 'order_date' });
    draft.synonyms.push({ key: 'customers', words: ' , ' });
    draft.pii.push('email', 'customers.email');
    const errors = validateDraft(draft);
    expect(Object.keys(errors).sort()).toEqual(['metrics.2.expression', 'metrics.2.name', 'metrics.2.time', 'pii.1', 'pii.2', 'synonyms.2.key', 'synonyms.2.words']);
    expect(errors['metrics.2.name']).toContain('already called');
    expect(errors['metrics.2.time']).toContain('table.column');
    expect(validateDraft(toDraft(glossary))).toEqual({});
  });

  it('maps the server’s field paths onto the rows of the form', () => {
    const draft = toDraft(glossary);
    expect(draftPathOf('metrics.1.time', draft)).toBe('metrics.1.time');
    expect(draftPathOf('glossary.pii.0', draft)).toBe('pii.0');
    expect(draftPathOf('synonyms.customers.segment.0', draft)).toBe('synonyms.1.words');
    expect(draftPathOf('now', draft)).toBeNull();
    expect(draftPathOf(undefined, draft)).toBeNull();
  });
});

describe('importing a semantic.json file', () => {
  it('explains invalid JSON and invalid fields in one sentence', () => {
    const notJson = parseGlossaryFile('{ "metrics": [');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.message).toMatch(/not valid JSON/);
    const badField = parseGlossaryFile(JSON.stringify({ metrics: [{ name: 'x', expression: 'COUNT(*)', time: 'nodot' }] }));
    expect(badField.ok).toBe(false);
    if (!badField.ok) expect(badField.message).toContain('metrics.0.time');
    const good = parseGlossaryFile(JSON.stringify(glossary));
    expect(good.ok && good.glossary.metrics.map((m) => m.name)).toEqual(['revenue', 'open tickets']);
  });

  it('previews which metrics, synonyms and PII columns an import adds, changes and removes', () => {
    const next: Glossary = {
      ...glossary,
      metrics: [{ ...glossary.metrics[0], expression: 'SUM(order_items.net_amount)' }, { name: 'big orders', synonyms: [], expression: 'COUNT(*)', time: null }],
      synonyms: { customers: ['clients', 'accounts'], products: ['items'] },
      pii: ['customers.phone'],
    };
    expect(describeChanges(glossary, next)).toEqual({
      metrics: { added: ['big orders'], changed: ['revenue'], removed: ['open tickets'] },
      synonyms: { added: ['products'], changed: [], removed: ['customers.segment'] },
      pii: { added: ['customers.phone'], removed: ['customers.email'] },
    });
    expect(hasChanges(describeChanges(glossary, glossary))).toBe(false);
    expect(describeChanges(null, glossary).metrics.added).toEqual(['revenue', 'open tickets']);
  });
});
