/** Non-additive measures: rates, prices and ratings are averaged when the question names no
 *  aggregation; amounts and quantities are still summed; a named aggregation always wins. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../connectors/registry';
import { createHotelDatabase } from '../../../tests/support/nl2sql/holdout/hotel';
import { defaultAggregation } from './additivity';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from './engine';

describe('defaultAggregation', () => {
  it('averages rates, prices, ratings, scores, percentages, ages and per-unit figures', () => {
    for (const name of ['nightly_rate', 'unit_price', 'rating', 'star_rating', 'test_score', 'grade_points', 'discount_pct', 'age', 'temperature', 'cost_per_night', 'avg_spend', 'revenue_per_user']) {
      expect(defaultAggregation(name), name).toBe('AVG');
    }
  });

  it('sums amounts, totals, quantities, revenue and costs, even when they also name a price', () => {
    for (const name of ['amount', 'total_price', 'quantity', 'net_amount', 'revenue', 'shipping_cost', 'nights', 'credits', 'price_total']) {
      expect(defaultAggregation(name), name).toBe('SUM');
    }
  });
});

describe('engine on a plain hotel schema', () => {
  const fixture = createHotelDatabase(true);
  let engine: Nl2SqlEngine;
  const ask = (q: string) => engine.ask(q, { now: '2026-07-01' });
  beforeAll(async () => {
    const connector = createConnector({ type: 'sqlite', path: fixture.file });
    engine = new Nl2SqlEngine(await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP }));
    await connector.close();
  });
  afterAll(() => fixture.cleanup());

  it('averages a rating per group and says why in the explanation', () => {
    const a = ask('Rating by booking channel');
    expect(a.sql).toContain('AVG(reviews.rating)');
    expect(a.explanation).toContain('rating does not add up across rows, so it is averaged');
  });

  it('ranks groups by the average of a rate for "highest <rate>"', () => {
    const a = ask('Which hotel has the highest nightly rate?');
    expect(a.sql).toContain('ORDER BY AVG(rooms.nightly_rate) DESC, hotels.hotel_id ASC, hotels.hotel_name ASC LIMIT 1');
    expect(a.explanation).toContain('ranked by that average');
  });

  it('keeps the largest single value when nothing is ranked, and sums additive columns', () => {
    expect(ask('What is the highest nightly rate?').sql).toContain('MAX(rooms.nightly_rate)');
    expect(ask('Total price of bookings by channel').sql).toContain('SUM(bookings.total_price)');
  });

  it('uses the aggregation the question names over the default', () => {
    expect(ask('Sum of nightly rate by room type').sql).toContain('SUM(rooms.nightly_rate)');
    expect(ask('Maximum rating by booking channel').sql).toContain('MAX(reviews.rating)');
  });
});
