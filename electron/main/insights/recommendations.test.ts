import { describe, expect, it } from 'vitest';
import { Facts } from './facts';
import { anomalyActions, driverActions, forecastActions, type DriverFinding } from './recommendations';

const finding: DriverFinding = {
  metric: 'revenue', dimension: 'channel', segment: 'Partner', contribution: -120_000, share: 0.6,
  before: 400_000, after: 280_000, size: 0.35, periodLabel: 'March 2026', direction: 'down',
};

describe('recommendations derived from findings', () => {
  it('names the driver segment, its size and its trend, and puts every figure in the evidence', () => {
    const facts = new Facts('currency');
    const [first, second] = driverActions(facts, finding);
    expect(first.action).toBe('Review channel “Partner” first: it accounts for 60% of the drop, down 30% on the period before and is 35% of revenue.');
    expect(first.expectedOutcome).toBe('Winning back half of its decline would recover about $60k per period.');
    expect(first.metricToWatch).toBe('revenue for channel “Partner”, each period after March 2026');
    expect(second.expectedOutcome).toContain('$120k');
    expect(facts.numbers.map((n) => n.text)).toEqual(expect.arrayContaining(['60%', '30%', '35%', '$60k', '$120k']));
  });

  it('changes with the finding: another segment, size and direction give other actions', () => {
    const other = driverActions(new Facts('integer'), { ...finding, metric: 'orders', segment: 'Online', contribution: 900, share: 0.8, before: 1000, after: 1900, size: 0.2, direction: 'up' });
    expect(other).toHaveLength(1);
    expect(other[0].action).toBe('Find out what worked in channel “Online” and repeat it: it accounts for 80% of the increase, up 90% on the period before and is 20% of orders.');
    expect(other[0].expectedOutcome).toBe('Holding its gain keeps about 900 per period.');
    expect(driverActions(new Facts('currency'), { ...finding, share: 1.3 })[0].action).toContain('it moved more than the whole drop');
    const ratio = driverActions(new Facts('currency'), { ...finding, size: null });
    expect(ratio[0].action).not.toContain('of revenue.');
  });

  it('tells a dip from a spike from a level shift', () => {
    const base = { metric: 'revenue', periodLabel: 'May 2025', value: 50_000, expected: 80_000, others: 0 };
    const dip = anomalyActions(new Facts('currency'), { ...base, kind: 'dip' })[0];
    const spike = anomalyActions(new Facts('currency'), { ...base, kind: 'spike', value: 110_000 })[0];
    const shift = anomalyActions(new Facts('currency'), { ...base, kind: 'level_shift' })[0];
    expect(dip.action).toBe('Check what happened in May 2025 (outage, stock-out, data load): revenue was $30k below the expected $80k.');
    expect(spike.action).toContain('$30k above the expected $80k');
    expect(shift.action).toContain('new level');
    expect(new Set([dip.action, spike.action, shift.action]).size).toBe(3);
  });

  it('plans for a forecast decline differently from growth', () => {
    const common = { metric: 'revenue', horizonLabel: 'Q1 2027', firstLabel: 'January 2027', firstLo: 90_000, firstHi: 110_000, comparisonLabel: 'the same periods a year earlier' };
    const down = forecastActions(new Facts('currency'), { ...common, change: -0.08 })[0];
    const up = forecastActions(new Facts('currency'), { ...common, change: 0.12 })[0];
    expect(down.action).toMatch(/^Plan for revenue 8% below the same periods a year earlier over Q1 2027/);
    expect(up.action).toMatch(/^Budget for revenue about 12% above/);
    expect(down.metricToWatch).toBe('revenue in January 2027 against the $90k–$110k range');
  });
});
