import { describe, expect, it } from 'vitest';
import { humanise, splitWords, stem, terms } from './text';

describe('identifier and question terms', () => {
  it('splits snake_case, camelCase and punctuation into lower-case words', () => {
    expect(splitWords('order_date')).toEqual(['order', 'date']);
    expect(splitWords('orderDate')).toEqual(['orderdate', 'order', 'date']);
    expect(splitWords("What's the AOV in Q1-2026?")).toEqual(['what', 'the', 'aov', 'in', 'q1', '2026']);
  });

  it('keeps a brand written in camel case findable as one word', () => {
    expect(terms('Paid with PayPal')).toContain('paypal');
  });

  it('maps singular, plural and verb forms to one term', () => {
    expect(stem('orders')).toBe(stem('order'));
    expect(stem('categories')).toBe(stem('category'));
    expect(stem('shipped')).toBe(stem('ship'));
    expect(stem('status')).toBe('status');
    expect(stem('sales')).toBe('sale');
  });

  it('drops words that say nothing about the data', () => {
    expect(terms('How many orders did we get by region?')).toEqual(['order', 'region']);
    expect(terms('customer_id')).toEqual(['customer']);
  });

  it('reads identifiers as words for people and models', () => {
    expect(humanise('order_items')).toBe('order items');
    expect(humanise('loyaltyTier')).toBe('loyalty tier');
  });
});
