import { describe, expect, it } from 'vitest';
import type { Glossary } from '../../../../shared/types/semantic';
import { columnRefs, mentionedMetrics, mentionedSynonymKeys, metricTables } from './glossaryRefs';
import { terms } from './text';

const glossary: Glossary = {
  metrics: [
    { name: 'revenue', synonyms: ['sales', 'net sales'], expression: 'SUM(order_items.net_amount)', filter: "orders.status <> 'cancelled'", time: 'orders.order_date' },
    { name: 'revenue target', synonyms: ['target'], expression: 'SUM(revenue_targets.target_amount)', time: 'revenue_targets.quarter_start' },
  ],
  synonyms: { 'customers.loyalty_tier': ['tier', 'loyalty level'] },
  pii: [],
};
const tables = new Set(['orders', 'order_items', 'revenue_targets']);
const names = (question: string) => mentionedMetrics(glossary, terms(question)).map((m) => m.name);

describe('glossary references', () => {
  it('reads the tables a metric needs from its expression, filter and time column', () => {
    expect(metricTables(glossary.metrics[0], tables).sort()).toEqual(['order_items', 'orders']);
    expect(columnRefs("x.y + orders.status = 'a.b'", tables)).toEqual([{ table: 'orders', column: 'status' }]);
  });

  it('finds metrics by name or synonym, the longer phrase claiming its words', () => {
    expect(names('Net sales last month')).toEqual(['revenue']);
    expect(names('What is the revenue target for Q1?')).toEqual(['revenue target']);
    expect(names('Revenue next to the revenue target')).toEqual(['revenue', 'revenue target']);
    expect(names('How many customers?')).toEqual([]);
  });

  it('finds synonym entries the question uses', () => {
    expect(mentionedSynonymKeys(glossary, terms('Orders by loyalty level'))).toEqual(['customers.loyalty_tier']);
  });
});
