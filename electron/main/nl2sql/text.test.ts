import { describe, expect, it } from 'vitest';
import { editDistance, singular, stem, wordSimilarity, words } from './text';

describe('text helpers', () => {
  it('splits identifiers into words', () => {
    expect(words('order_date')).toEqual(['order', 'date']);
    expect(words('admittedOn')).toEqual(['admitted', 'on']);
    expect(words("Each region's share")).toEqual(['each', 'region', 'share']);
  });

  it('singularises and stems common inflections', () => {
    expect(singular('categories')).toBe('category');
    expect(singular('boxes')).toBe('box');
    expect(singular('status')).toBe('status');
    expect(stem('shipped')).toBe(stem('shipping'));
    expect(stem('sold')).toBe(stem('sell'));
    expect(stem('admitted')).toBe('admit');
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('regoin', 'region')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('scores typos in long words and rejects short or distant words', () => {
    expect(wordSimilarity('cardiolgy', 'cardiology')).toBeGreaterThan(0.78);
    expect(wordSimilarity('team', 'tear')).toBe(0);
    expect(wordSimilarity('patient', 'payment')).toBe(0);
  });
});
