import { describe, expect, it } from 'vitest';
import { estimateTokens, fitToBudget } from './budget';
import { compactConversation, rankingQuery } from './conversation/compact';
import type { ConversationTurn } from './types';

describe('token budget', () => {
  it('estimates about four characters per token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('keeps required items, then the most relevant that fit, then smaller ones that still fit', () => {
    const choice = fitToBudget([
      { key: 'header', tokens: 50, priority: 1, required: true },
      { key: 'big-relevant', tokens: 80, priority: 0.9 },
      { key: 'too-big', tokens: 60, priority: 0.8 },
      { key: 'small', tokens: 10, priority: 0.1 },
    ], 140);
    expect([...choice.kept].sort()).toEqual(['big-relevant', 'header', 'small']);
    expect(choice.dropped).toBe(1);
    expect(choice.usedTokens).toBe(140);
  });

  it('keeps required items even when they alone exceed the budget', () => {
    expect([...fitToBudget([{ key: 'q', tokens: 500, priority: 1, required: true }, { key: 'x', tokens: 1, priority: 1 }], 100).kept]).toEqual(['q']);
  });
});

describe('conversation memory', () => {
  const turns: ConversationTurn[] = [
    { role: 'user', text: 'Revenue by region in 2025' },
    { role: 'assistant', text: 'Europe led with 12M.', sql: 'SELECT 1' },
    { role: 'user', text: 'Break that down by month' },
    { role: 'assistant', text: 'Here is the monthly breakdown.' },
  ];

  it('returns short conversations unchanged', () => {
    expect(compactConversation(turns, 6)).toEqual({ recentTurns: turns, summarisedTurns: 0 });
  });

  it('summarises earlier user questions and keeps the last turns verbatim', () => {
    const compact = compactConversation(turns, 2);
    expect(compact.recentTurns).toEqual(turns.slice(2));
    expect(compact.summarisedTurns).toBe(2);
    expect(compact.summary).toContain('Revenue by region in 2025');
    expect(compact.summary).not.toContain('Europe led');
  });

  it('caps the summary to the latest questions and says how many were left out', () => {
    const many: ConversationTurn[] = Array.from({ length: 30 }, (_, i) => ({ role: 'user', text: `question ${i}` }));
    const summary = compactConversation(many, 2).summary!;
    expect(summary).toContain('(20 older questions)');
    expect(summary).toContain('question 27');
    expect(summary).not.toContain('question 3\n');
  });

  it('searches with the previous questions so a follow-up keeps its topic', () => {
    expect(rankingQuery('Only for Europe', turns)).toBe('Revenue by region in 2025\nBreak that down by month\nOnly for Europe');
  });
});
