import { describe, expect, it } from 'vitest';
import type { OfflineAnswer } from '../offlineEngine';
import { assessComplexity, BASE_CONFIDENCE_THRESHOLD, chooseRoute, requiredConfidence } from './complexity';
import { contextBudgetFor, contextWindowOf, DEFAULT_CONTEXT_WINDOW, MAX_CONTEXT_BUDGET, MIN_CONTEXT_BUDGET } from './contextWindow';

function answer(overrides: Partial<OfflineAnswer> = {}): OfflineAnswer {
  return { sql: 'SELECT COUNT(*) FROM t', confidence: 0.8, explanation: '', mappings: [], ...overrides };
}

const oneTable = { measures: [{ kind: 'agg', fn: 'COUNT', table: 'tickets', label: 'tickets' }], dims: [], filters: [], via: [], shape: { kind: 'basic' } };
const threeTables = {
  measures: [{ kind: 'agg', fn: 'SUM', table: 'lines', column: 'amount', label: 'amount' }],
  dims: [{ kind: 'column', table: 'regions', column: 'name', label: 'region' }],
  filters: [{ kind: 'values', table: 'products', column: 'category', values: ['Toys'], negated: false }],
  via: [], shape: { kind: 'basic' },
};

describe('question complexity', () => {
  it('scores a one-table aggregate as simple and needs only the base confidence', () => {
    const c = assessComplexity('how many tickets are there', answer({ plan: oneTable }));
    expect(c).toMatchObject({ joins: 0, nested: false, ratio: false, unknownWords: 0, score: 0 });
    expect(requiredConfidence(c)).toBe(BASE_CONFIDENCE_THRESHOLD);
  });

  it('counts joins from the tables the plan touches, with a glossary metric counted as its fact table', () => {
    expect(assessComplexity('amount by region for toys', answer({ plan: threeTables })).joins).toBe(2);
    const metricPlan = { ...oneTable, measures: [{ kind: 'metric', metric: { factTable: 'lines', tables: ['lines', 'orders', 'stores'] } }] };
    expect(assessComplexity('revenue', answer({ plan: metricPlan })).joins).toBe(0);
  });

  it('reads joins and nesting from the SQL when there is no plan', () => {
    const c = assessComplexity('x', answer({ sql: 'SELECT a FROM t JOIN u ON 1=1 JOIN v ON 1=1 WHERE a IN (SELECT b FROM w)' }));
    expect(c).toMatchObject({ joins: 2, nested: true });
  });

  it('sees ratios in the plan shape or the question, nesting in HAVING, absent rows and grouped subqueries', () => {
    expect(assessComplexity('urgent tickets', answer({ plan: { ...oneTable, shape: { kind: 'partShare' } } })).ratio).toBe(true);
    expect(assessComplexity('what percentage of tickets were urgent', answer({ plan: oneTable })).ratio).toBe(true);
    expect(assessComplexity('customers', answer({ plan: { ...oneTable, having: { op: '>', value: 5 } } })).nested).toBe(true);
    expect(assessComplexity('books never rated', answer({ plan: { ...oneTable, filters: [{ kind: 'absent', table: 'b', column: 'id', child: 'r', childColumn: 'b_id' }] } })).nested).toBe(true);
    expect(assessComplexity('orders', answer({ plan: { ...oneTable, shape: { kind: 'countHaving', table: 'orders' } } })).nested).toBe(true);
    expect(assessComplexity('customers who spent over $1,000', answer({ plan: oneTable })).nested).toBe(true);
    expect(assessComplexity('tickets without an owner', answer({ plan: oneTable })).nested).toBe(true);
    expect(assessComplexity('tickets by owner', answer({ plan: oneTable })).nested).toBe(false);
  });

  it('weighs each word not understood more than a join', () => {
    const c = assessComplexity('tickets by flibbertigibbet', answer({ plan: oneTable, notUnderstood: ['flibbertigibbet'] }));
    expect(c.score).toBe(2);
    expect(c.reasons).toContain('1 word not understood');
  });
});

describe('routing', () => {
  it('keeps a confident answer to a simple question offline', () => {
    expect(chooseRoute('how many tickets are there', answer({ plan: oneTable, confidence: 0.75 })).to).toBe('offline');
  });

  it('sends an equally confident answer to a complex question to the model', () => {
    const complex = answer({ plan: { ...threeTables, shape: { kind: 'ratio', percent: true } }, confidence: 0.75 });
    const choice = chooseRoute('ratio of toy revenue to all revenue by region', complex);
    expect(choice.to).toBe('model');
    expect(choice.required).toBeGreaterThan(0.75);
  });

  it('sends an answer that leaves words out to the model even when the engine is confident', () => {
    expect(chooseRoute('tickets by flibbertigibbet', answer({ plan: oneTable, confidence: 0.85, notUnderstood: ['flibbertigibbet'] })).to).toBe('model');
  });

  it('keeps a clarification offline and sends a refusal to the model', () => {
    expect(chooseRoute('sales', answer({ sql: undefined, clarification: { question: 'Which sales?', options: [] }, confidence: 0.3 })).to).toBe('offline');
    expect(chooseRoute('xyzzy', answer({ sql: undefined, refusal: 'no', confidence: 0 })).to).toBe('model');
  });
});

describe('context budget by context window', () => {
  it('takes a configured window first, then the model family, then the default', () => {
    expect(contextWindowOf({ model: 'gpt-4o-mini', contextWindow: 4096 })).toBe(4096);
    expect(contextWindowOf({ model: 'gpt-4o-mini' })).toBe(128_000);
    expect(contextWindowOf({ model: 'claude-3-5-sonnet-latest' })).toBe(200_000);
    expect(contextWindowOf({ model: 'llama3:8b' })).toBe(8_192);
    expect(contextWindowOf({ model: 'Llama-3.1-8B-Instruct' })).toBe(128_000);
    expect(contextWindowOf({ model: 'phi3:mini' })).toBe(4_096);
    expect(contextWindowOf({ model: 'my-company-model' })).toBe(DEFAULT_CONTEXT_WINDOW);
  });

  it('sizes an unconfigured Ollama provider to Ollama’s own default window, whatever the model', () => {
    expect(contextWindowOf({ model: 'llama3.1', kind: 'ollama' })).toBe(4_096);
    expect(contextWindowOf({ model: 'llama3.1', kind: 'ollama', contextWindow: 32_768 })).toBe(32_768);
  });

  it('grows with the window between a floor and a ceiling, and always leaves room for the reply', () => {
    const budgets = [2_048, 4_096, 8_192, 32_768, 128_000, 1_000_000].map(contextBudgetFor);
    for (let i = 1; i < budgets.length; i++) expect(budgets[i]).toBeGreaterThanOrEqual(budgets[i - 1]);
    expect(budgets[0]).toBeLessThan(budgets[2]);
    expect(contextBudgetFor(1_024)).toBe(MIN_CONTEXT_BUDGET);
    expect(contextBudgetFor(1_000_000)).toBe(MAX_CONTEXT_BUDGET);
    for (const window of [2_048, 4_096, 8_192]) expect(contextBudgetFor(window) + 800).toBeLessThan(window);
  });
});
