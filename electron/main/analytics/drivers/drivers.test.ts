import { describe, expect, it } from 'vitest';
import { comparisonPeriod, parsePercentChange, rootCause, whatIf, type Row } from '../index';

const close = (a: number | undefined, b: number) => expect(Math.abs((a ?? Number.NaN) - b)).toBeLessThan(1e-9);

describe('rootCause (additive metric)', () => {
  const baseline: Row[] = [
    { region: 'Europe', channel: 'web', revenue: 500 },
    { region: 'Europe', channel: 'store', revenue: 300 },
    { region: 'Americas', channel: 'web', revenue: 400 },
    { region: 'Americas', channel: 'store', revenue: 200 },
  ];
  const current: Row[] = [
    { region: 'Europe', channel: 'web', revenue: 320 },
    { region: 'Europe', channel: 'store', revenue: 290 },
    { region: 'Americas', channel: 'web', revenue: 410 },
    { region: 'Americas', channel: 'store', revenue: 190 },
    { region: 'Asia', channel: 'web', revenue: 20 },
  ];

  it('ranks segments of every dimension by contribution to the change; shares within a dimension sum to 1', () => {
    const r = rootCause({ baseline, current, dimensions: ['region', 'channel'], measure: 'revenue' });
    expect([r.baseline, r.current, r.change]).toEqual([1400, 1230, -170]);
    close(r.changePct!, (-170 / 1400) * 100);
    for (const d of r.dimensions) close(d.segments.reduce((s, x) => s + x.share, 0), 1);
    const region = r.dimensions.find((d) => d.dimension === 'region')!;
    expect(region.segments[0]).toMatchObject({ segment: 'Europe', baseline: 800, current: 610, contribution: -190 });
    expect(region.segments.find((s) => s.segment === 'Asia')).toMatchObject({ baseline: 0, current: 20, contribution: 20 });
    expect(r.drivers[0]).toMatchObject({ dimension: 'region', segment: 'Europe' });
    expect(r.drivers.every((d) => d.contribution < 0)).toBe(true);
  });

  it('names the row and column of a non-numeric measure', () => {
    expect(() => rootCause({ baseline, current: [{ region: 'Europe', revenue: 'lots' }], dimensions: ['region'], measure: 'revenue' })).toThrow(/current row 1: "revenue" is "lots"/);
  });
});

describe('rootCause (ratio metric: conversion = orders / sessions)', () => {
  // Mobile converts worse and gains traffic share; desktop's own rate is unchanged.
  const baseline: Row[] = [
    { device: 'desktop', orders: 50, sessions: 1000 },
    { device: 'mobile', orders: 10, sessions: 1000 },
  ];
  const current: Row[] = [
    { device: 'desktop', orders: 25, sessions: 500 },
    { device: 'mobile', orders: 12, sessions: 1500 },
  ];

  it('splits the change into mix and rate effects that add up exactly', () => {
    const r = rootCause({ baseline, current, dimensions: ['device'], ratio: { numerator: 'orders', denominator: 'sessions' } });
    close(r.baseline, 0.03);
    close(r.current, 37 / 2000);
    close((r.mixEffect ?? 0) + (r.rateEffect ?? 0), r.change);
    const desktop = r.dimensions[0].segments.find((s) => s.segment === 'desktop')!;
    close(desktop.rateEffect, 0);
    expect(desktop.mixEffect!).toBeLessThan(0);
    const mobile = r.dimensions[0].segments.find((s) => s.segment === 'mobile')!;
    close(mobile.baselineRate, 0.01);
    close(mobile.currentRate, 0.008);
    expect(Math.abs(r.mixEffect!)).toBeGreaterThan(Math.abs(r.rateEffect!));
  });

  it('needs exactly one of measure and ratio', () => {
    expect(() => rootCause({ baseline, current, dimensions: ['device'] })).toThrow(/either "measure"/);
  });
});

describe('whatIf', () => {
  it('recomputes revenue = orders × AOV when AOV rises 5%', () => {
    const r = whatIf({ formula: 'orders * aov', baseline: { orders: 1200, aov: 80 }, changes: [{ part: 'aov', pct: 5 }] });
    close(r.baseline, 96000);
    close(r.scenario, 100800);
    close(r.changePct!, 5);
    expect(r.parts).toEqual([{ part: 'orders', baseline: 1200, scenario: 1200 }, { part: 'aov', baseline: 80, scenario: 84 }]);
  });

  it('combines changes and reports each alone', () => {
    const r = whatIf({ formula: '(price - cost) * units', baseline: { price: 10, cost: 6, units: 100 }, changes: [{ part: 'cost', delta: 1 }, { part: 'units', pct: 10 }] });
    close(r.scenario, 330);
    expect(r.effects.map((e) => e.part)).toEqual(['cost', 'units']);
    close(r.effects[0].change, -100);
    close(r.effects[1].change, 40);
  });

  it('rejects unknown parts and unsafe formulas', () => {
    expect(() => whatIf({ formula: 'orders * aov', baseline: { orders: 1, aov: 2 }, changes: [{ part: 'price', pct: 5 }] })).toThrow(/not a part/);
    expect(() => whatIf({ formula: 'orders * process.exit()', baseline: { orders: 1 }, changes: [] })).toThrow(/unexpected "\."/);
    expect(() => whatIf({ formula: 'orders * aov', baseline: { orders: 1 }, changes: [] })).toThrow(/no number for it/);
  });

  it('reads a percent change from words', () => {
    expect(parsePercentChange('what if average order value rises 5%?')).toEqual({ subject: 'average order value', pct: 5 });
    expect(parsePercentChange('AOV +5%')).toEqual({ subject: 'aov', pct: 5 });
    expect(parsePercentChange('orders fall by 10 percent')).toEqual({ subject: 'orders', pct: -10 });
    expect(parsePercentChange('show revenue')).toBeNull();
  });
});

describe('comparisonPeriod', () => {
  it('August 2025 against July 2025 and August 2024', () => {
    expect(comparisonPeriod({ from: '2025-08-01', to: '2025-08-31' }, 'prior')).toEqual({ from: '2025-07-01', to: '2025-07-31' });
    expect(comparisonPeriod({ from: '2025-08-01', to: '2025-08-31' }, 'year_ago')).toEqual({ from: '2024-08-01', to: '2024-08-31' });
  });

  it('a quarter against the quarter before; February in a leap year a year on', () => {
    expect(comparisonPeriod({ from: '2025-04-01', to: '2025-06-30' }, 'prior')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(comparisonPeriod({ from: '2025-02-01', to: '2025-02-28' }, 'year_ago')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('a week against the week before', () => {
    expect(comparisonPeriod({ from: '2025-03-03', to: '2025-03-09' }, 'prior')).toEqual({ from: '2025-02-24', to: '2025-03-02' });
    expect(() => comparisonPeriod({ from: '2025-03-09', to: '2025-03-03' }, 'prior')).toThrow(/before it starts/);
  });
});
