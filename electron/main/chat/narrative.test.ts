import { describe, expect, it } from 'vitest';
import { narrate } from './narrative';

const base = { truncated: false };

describe('narrate (numbers only from the result)', () => {
  it('states a single value with the period from the explanation', () => {
    const story = narrate({ ...base, columns: [{ name: 'revenue', kind: 'number' }], rows: [[55264846.67]], rowCount: 1 }, 'Revenue, for 2025 (2025-01-01 to before 2026-01-01). Net sales.', 'analyst');
    expect(story.headline).toBe('Revenue, for 2025: $55.3M.');
    expect(story.actions).toEqual([]);
  });

  it('names the leader of a ranking, its share and the lowest value', () => {
    const story = narrate({ ...base, columns: [{ name: 'region', kind: 'text' }, { name: 'revenue', kind: 'number' }], rows: [['North', 300], ['South', 100]], rowCount: 2 }, undefined, 'executive');
    expect(story.headline).toBe('North leads revenue with $300, 75% of the total shown.');
    expect(story.narrative).toContain('lowest: South ($100)');
    expect(story.actions.length).toBeGreaterThan(0);
  });

  it('describes a time series from its first and last period', () => {
    const story = narrate({ ...base, columns: [{ name: 'month', kind: 'text' }, { name: 'orders', kind: 'number' }], rows: [['2025-01', 100], ['2025-02', 150]], rowCount: 2 }, undefined, 'analyst');
    expect(story.headline).toBe('Orders went from 100 in Jan 2025 to 150 in Feb 2025 (up 50%).');
  });

  it('says so when nothing matched', () => {
    expect(narrate({ ...base, columns: [], rows: [], rowCount: 0 }, undefined, 'analyst').headline).toBe('No rows match this question.');
  });
});

describe('time-series narrative', () => {
  const series = (values: number[]) => ({
    columns: [{ name: 'month', kind: 'text' }, { name: 'orders', kind: 'number' }],
    rows: values.map((v, i) => [`2025-${String(i + 1).padStart(2, '0')}`, v]),
    rowCount: values.length,
    truncated: false,
  });

  it('states peak, low, the latest change and the direction, from the rows only', () => {
    const story = narrate(series([100, 120, 90, 150, 160, 140]), undefined, 'analyst');
    expect(story.narrative).toContain('Highest: May 2025 (160)');
    expect(story.narrative).toContain('lowest: Mar 2025 (90)');
    expect(story.narrative).toContain('▼ 12.5% on May 2025');
    expect(story.narrative).toContain('trend is rising');
  });

  it('points an executive at a sharp drop in the latest period', () => {
    const story = narrate(series([100, 100, 100, 100, 100, 70]), undefined, 'executive');
    expect(story.actions[0]).toMatch(/^Ask why orders fell in Jun 2025/);
  });
});

describe('time series split by a category', () => {
  const rows = [
    ['2025-01', 'Enterprise', 100], ['2025-01', 'SMB', 50],
    ['2025-02', 'Enterprise', 120], ['2025-02', 'SMB', 60],
    ['2025-03', 'Enterprise', 90], ['2025-03', 'SMB', 80],
  ];
  const result = (measure: string) => ({
    columns: [{ name: 'month', kind: 'text' }, { name: 'segment', kind: 'text' }, { name: measure, kind: 'number' }],
    rows, rowCount: rows.length, truncated: false,
  });

  it('follows the total per period and names the latest leader', () => {
    const story = narrate(result('revenue'), undefined, 'analyst');
    expect(story.headline).toBe('Total revenue went from $150 in Jan 2025 to $170 in Mar 2025 (up 13.3%).');
    expect(story.narrative).toContain('In Mar 2025, Enterprise led with $90.');
    expect(story.narrative).toContain('Highest total: Feb 2025 ($180)');
  });

  it('does not add up averages across categories', () => {
    const story = narrate(result('average_order_value'), undefined, 'analyst');
    expect(story.headline).toBe('In Mar 2025, Enterprise led with $90.');
  });
});
