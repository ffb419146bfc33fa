import { describe, expect, it } from 'vitest';
import { numbersIn, whyRejected } from '.';

const facts = { question: 'revenue in 2025 by region', headline: 'Revenue for 2025 was $13.9M, up 8.2% on 2024 ($12.85M).', narrative: 'North America led with 1,250 orders.' };

describe('phrasing check', () => {
  it('normalises numbers as written', () => {
    expect(numbersIn('1,250 orders, 8.2% and $13.90M in 2025')).toEqual(['1250', '8.2', '13.9', '2025']);
  });

  it('accepts sentences whose numbers all come from the facts or the question', () => {
    expect(whyRejected('Revenue rose 8.2% to $13.9M in 2025, led by North America with 1250 orders.', facts)).toBeUndefined();
  });

  it('rejects an invented number, code, empty and overlong text', () => {
    expect(whyRejected('Revenue rose 9% to $13.9M.', facts)).toMatch(/numbers that are not in the answer \(9\)/);
    expect(whyRejected('{"sql": "SELECT 1"}', facts)).toMatch(/code or data/);
    expect(whyRejected('', facts)).toMatch(/no text/);
    expect(whyRejected('word '.repeat(400), facts)).toMatch(/too long/);
  });
});
