import { describe, expect, it } from 'vitest';
import { findLimit } from './limits';

describe('honest limits', () => {
  it('says a forecast could not be set up and offers the trend', () => {
    const match = findLimit('revenue forecast for next year');
    expect(match?.headline).toBe('I could not set up a forecast of revenue from this question or this data.');
    expect(match?.closestQuestion).toBe('revenue by month');
  });

  it('recognises cause and what-if requests', () => {
    expect(findLimit('why did orders drop in March?')?.closestQuestion).toBe('orders by month');
    expect(findLimit('what if we raise prices by 5%')?.limit.id).toBe('what-if');
  });

  it('lets ordinary questions through', () => {
    for (const q of ['revenue by region', 'which region had the highest revenue?', 'revenue this year vs last year', 'Top 10 customers by revenue', 'revenue growth by region']) expect(findLimit(q)).toBeUndefined();
  });
});
