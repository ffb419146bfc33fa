import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import { Clarifications } from './clarifications';

const ann: RequestContext = { userId: 'u1', orgId: 'o1', role: 'analyst', projectIds: ['p1'], sessionId: 's1' };

describe('Clarifications', () => {
  it('restates the original question with the chosen option, in the same conversation', () => {
    const clarifications = new Clarifications();
    const [revenueId, profitId] = clarifications.open(ann, 'c1', 'show the margin by region', ['revenue', 'gross profit']);
    expect(clarifications.resolve(ann, profitId)).toEqual({ conversationId: 'c1', question: 'show the margin by region (gross profit)' });
    expect(clarifications.resolve(ann, revenueId).question).toBe('show the margin by region (revenue)');
  });

  it('only the person who was asked can answer, and unknown ids say what to do', () => {
    const clarifications = new Clarifications();
    const [id] = clarifications.open(ann, 'c1', 'q', ['a']);
    expect(() => clarifications.resolve({ ...ann, userId: 'u2' }, id)).toThrow(/expired/);
    expect(() => clarifications.resolve({ ...ann, orgId: 'o2' }, id)).toThrow(/expired/);
    expect(() => clarifications.resolve(ann, 'clr_nope')).toThrow(expect.objectContaining({ name: 'NotFoundError', hint: 'Ask the question again.' }));
  });
});
