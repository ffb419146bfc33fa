import { describe, expect, it } from 'vitest';
import { narrate, type NarrationInput } from './index';

const result = (columns: Array<[string, string]>, rows: Array<Array<string | number | null>>, truncated = false) => ({
  columns: columns.map(([name, kind]) => ({ name, kind })), rows, rowCount: rows.length, truncated,
});
const analyst: NarrationInput = { role: 'analyst' };
const range = { first: '2023-01-01', last: '2026-11-30' };

describe('a single number', () => {
  it('comes with its prior period, the delta and ▲/▼', () => {
    const story = narrate(result([['revenue', 'number']], [[7_823_777]]), {
      role: 'analyst', meaning: { measure: 'revenue', period: { start: '2026-07-01', end: '2026-10-01', label: 'last quarter' } },
      facts: { range, prior: { current: { start: '2026-07-01', end: '2026-10-01', label: 'Q3 2026' }, prior: { start: '2026-04-01', end: '2026-07-01', label: 'Q2 2026' }, value: 8_961_000, likeForLike: false } },
    });
    expect(story.headline).toBe('Revenue for Q3 2026 was $7.8M, ▼ 12.7% on Q2 2026 ($9.0M).');
  });

  it('says a to-date comparison is like for like, and why', () => {
    const story = narrate(result([['revenue', 'number']], [[32_352_490]]), {
      role: 'analyst', meaning: { measure: 'revenue', period: { start: '2026-01-01', end: '2026-12-01', label: 'year to date' } },
      facts: { range, prior: { current: { start: '2026-01-01', end: '2026-12-01', label: 'Jan–Nov 2026' }, prior: { start: '2025-01-01', end: '2025-12-01', label: 'Jan–Nov 2025' }, value: 27_892_002, likeForLike: true } },
    });
    expect(story.headline).toBe('Revenue for Jan–Nov 2026 was $32.4M, ▲ 16% on Jan–Nov 2025 ($27.9M).');
    expect(story.narrative).toContain('like for like, because the data ends on 30 November 2026');
  });

  it('names the span of all data when no period was asked', () => {
    const story = narrate(result([['revenue', 'number']], [[117_016_159]]), { role: 'analyst', meaning: { measure: 'revenue' }, facts: { range } });
    expect(story.headline).toBe('Revenue (all data, Jan 2023–Nov 2026) was $117M.');
  });

  it('names the data range when the period is outside it, instead of a dash', () => {
    const story = narrate(result([['revenue', 'number']], [[null]]), {
      role: 'analyst', meaning: { measure: 'revenue', period: { start: '2019-01-01', end: '2020-01-01', label: '2019' } }, facts: { range, outside: { start: '2019-01-01', end: '2020-01-01', label: '2019' } },
    });
    expect(story.headline).toBe('There is no revenue for 2019: the data starts on 1 January 2023.');
    expect(story.narrative).toContain('30 November 2026');
    const untyped = narrate(result([['revenue', 'text']], [[null]]), { role: 'analyst', meaning: { measure: 'revenue' }, facts: { range, outside: { start: '2019-01-01', end: '2020-01-01', label: '2019' } } });
    expect(untyped.headline).toBe('There is no revenue for 2019: the data starts on 1 January 2023.');
    const future = narrate(result([['revenue', 'number']], [[null]]), { role: 'analyst', meaning: { measure: 'revenue' }, facts: { range, outside: { start: '2027-01-01', end: '2028-01-01', label: '2027' } } });
    expect(future.headline).toBe('There is no revenue for 2027: the data ends on 30 November 2026.');
  });

  it('compares one column per period like for like', () => {
    const story = narrate(result([['revenue_jan_nov_2026', 'number'], ['revenue_jan_nov_2025', 'number']], [[32_352_490, 27_892_002]]), {
      role: 'analyst',
      meaning: { measure: 'revenue', shape: 'periods', periods: [{ start: '2026-01-01', end: '2026-12-01', label: 'Jan–Nov 2026' }, { start: '2025-01-01', end: '2025-12-01', label: 'Jan–Nov 2025' }] },
      facts: { note: 'Compared like for like: Jan–Nov 2026 vs Jan–Nov 2025 (the data ends on 30 November 2026).' },
    });
    expect(story.headline).toBe('Revenue for Jan–Nov 2026 was $32.4M, ▲ 16% on Jan–Nov 2025 ($27.9M).');
    expect(story.narrative).toContain('like for like');
  });
});

describe('a winner', () => {
  it('is named with its value and share of the total', () => {
    const story = narrate(result([['region_name', 'text'], ['revenue', 'number']], [['North America', 10_000_000]]), {
      role: 'executive', meaning: { measure: 'revenue', dims: ['region'], period: { start: '2025-01-01', end: '2026-01-01', label: '2025' }, order: { desc: true, winnerOnly: true }, additive: true },
      facts: { total: 20_000_000 },
    });
    expect(story.headline).toBe('North America led 2025 revenue with $10.0M, 50% of the total ($20.0M).');
    expect(story.actions.length).toBeGreaterThan(0);
  });

  it('of an average has no share of a total', () => {
    const story = narrate(result([['channel', 'text'], ['average_order_value', 'number']], [['Partner', 6412]]), { role: 'analyst', meaning: { measure: 'average order value', additive: false, order: { desc: true, winnerOnly: true } } });
    expect(story.headline).toBe('Partner had the highest average order value: $6.4k.');
    expect(story.headline).not.toMatch(/total/);
  });
});

describe('a ranking', () => {
  const regions = result([['region_name', 'text'], ['revenue', 'number']], [['Europe', 3_000_000], ['North America', 4_000_000], ['Asia Pacific', 2_000_000], ['Latin America', 1_000_000]]);

  it('names the leader, its share, concentration, the biggest mover and the lowest, with human labels', () => {
    const story = narrate(regions, {
      ...analyst, meaning: { measure: 'revenue', dims: ['region'], period: { start: '2025-01-01', end: '2026-01-01', label: '2025' }, additive: true },
      facts: { priorByGroup: { prior: { start: '2024-01-01', end: '2025-01-01', label: '2024' }, values: new Map([['Europe', 2_000_000], ['North America', 4_900_000], ['Asia Pacific', 2_000_000], ['Latin America', 1_000_000]]) } },
    });
    expect(story.headline).toBe('North America led 2025 revenue with $4.0M, 40% of the total.');
    expect(story.narrative).toContain('The top 2 of 4 regions make up 70% of revenue.');
    expect(story.narrative).toContain('Biggest mover against 2024: Europe, ▲ 50% ($3.0M from $2.0M).');
    expect(story.narrative).toContain('In total, revenue is ▲ 1% on 2024.');
    expect(story.narrative).not.toMatch(/region name/i);
  });

  it('of a top N takes its share from the real total, not from the rows shown', () => {
    const story = narrate(regions, { ...analyst, meaning: { measure: 'revenue', dims: ['region'], order: { desc: true, limit: 4 }, additive: true }, facts: { total: 100_000_000 } });
    expect(story.headline).toBe('North America led revenue with $4.0M, 4% of the total.');
    const unknown = narrate(regions, { ...analyst, meaning: { measure: 'revenue', dims: ['region'], order: { desc: true, limit: 4 }, additive: true } });
    expect(unknown.headline).toBe('North America led revenue with $4.0M.');
  });

  it('of an average compares highest and lowest instead of a share', () => {
    const story = narrate(result([['channel', 'text'], ['average_order_value', 'number']], [['Online', 3129], ['Partner', 6412], ['Retail', 3088]]), { ...analyst, meaning: { measure: 'average order value', dims: ['channel'], additive: false } });
    expect(story.headline).toBe('Partner had the highest average order value: $6.4k.');
    expect(story.narrative).toContain('2.1× the lowest, Retail ($3.1k)');
    expect(`${story.headline} ${story.narrative}`).not.toMatch(/of the total/);
  });

  it('of shares is worded as shares', () => {
    const story = narrate(result([['channel', 'text'], ['revenue_share_pct', 'number']], [['Online', 36.6], ['Partner', 47.0], ['Retail', 16.4]]), { ...analyst, meaning: { measure: 'share of revenue', shape: 'shareOfTotal' } });
    expect(story.headline).toBe('Partner had the largest share of revenue: 47%.');
    expect(story.narrative).toBe('Next: Online 36.6%, Retail 16.4%.');
  });
});

describe('growth', () => {
  const periods = [{ start: '2026-01-01', end: '2026-12-01', label: 'Jan–Nov 2026' }, { start: '2025-01-01', end: '2025-12-01', label: 'Jan–Nov 2025' }];

  it('per group names the fastest and the slowest, as percentages', () => {
    const story = narrate(result([['channel', 'text'], ['growth', 'number']], [['Retail', 0.27], ['Partner', 0.15], ['Online', -0.05]]), { ...analyst, meaning: { measure: 'revenue', dims: ['channel'], shape: 'growth', periods } });
    expect(story.headline).toBe('Retail grew fastest: revenue ▲ 27% from Jan–Nov 2025 to Jan–Nov 2026.');
    expect(story.narrative).toContain('Online fell most (▼ 5%).');
    expect(story.narrative).toContain('2 of 3 channels grew.');
  });

  it('overall is one sentence', () => {
    const story = narrate(result([['growth', 'number']], [[-0.031]]), { ...analyst, meaning: { measure: 'revenue', shape: 'growth', periods } });
    expect(story.headline).toBe('Revenue fell 3.1% from Jan–Nov 2025 to Jan–Nov 2026.');
  });
});

describe('time series', () => {
  const series = (values: number[]) => result([['month', 'text'], ['orders', 'number']], values.map((v, i) => [`${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, v]));

  it('states first and last, peak, low, the latest change, the same month a year earlier and the direction', () => {
    const story = narrate(series([100, 120, 90, 150, 160, 140, 150, 150, 150, 150, 150, 150, 180]), analyst);
    expect(story.headline).toBe('Orders went from 100 in Jan 2024 to 180 in Jan 2025 (▲ 80%).');
    expect(story.narrative).toContain('Highest: Jan 2025 (180)');
    expect(story.narrative).toContain('lowest: Mar 2024 (90)');
    expect(story.narrative).toContain('The latest period is ▲ 20% on Dec 2024.');
    expect(story.narrative).toContain('Against Jan 2024 it is ▲ 80%.');
    expect(story.narrative).toContain('trend is rising');
  });

  it('points an executive at a sharp drop in the latest period', () => {
    const story = narrate(series([100, 100, 100, 100, 100, 70]), { role: 'executive', meaning: { measure: 'orders' } });
    expect(story.actions[0]).toMatch(/^Ask why orders fell in Jun 2024/);
  });

  it('split by a category follows the total and names the latest leader; averages are not added up', () => {
    const rows = [['2025-01', 'Enterprise', 100], ['2025-01', 'SMB', 50], ['2025-02', 'Enterprise', 120], ['2025-02', 'SMB', 60], ['2025-03', 'Enterprise', 90], ['2025-03', 'SMB', 80]];
    const total = narrate(result([['month', 'text'], ['segment', 'text'], ['revenue', 'number']], rows), { ...analyst, meaning: { measure: 'revenue', additive: true } });
    expect(total.headline).toBe('Total revenue went from $150 in Jan 2025 to $170 in Mar 2025 (▲ 13.3%).');
    expect(total.narrative).toContain('In Mar 2025, Enterprise led with $90, 53% of that period.');
    const average = narrate(result([['month', 'text'], ['segment', 'text'], ['average_order_value', 'number']], rows), { ...analyst, meaning: { measure: 'average order value', additive: false } });
    expect(average.headline).toBe('In Mar 2025, Enterprise led with $90.');
  });
});

it('says so when nothing matched, with the data range when known', () => {
  const story = narrate(result([], []), { ...analyst, facts: { range } });
  expect(story.headline).toBe('No rows match this question.');
  expect(story.narrative).toContain('the data runs from 1 January 2023 to 30 November 2026');
});
