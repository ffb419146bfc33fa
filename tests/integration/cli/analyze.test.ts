import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussian, prng } from '../../support/syntheticSeries';
import { tempDataDir } from '../../support/tempServer';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const aiser = (args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin', 'aiser'), 'analyze', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });

let dir: string;
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  fs.writeFileSync(full, text);
  return full;
};

function monthlyCsv(): string {
  const normal = gaussian(prng(31));
  const lines = ['t,value'];
  for (let i = 0; i < 72; i++) {
    const date = new Date(Date.UTC(2019, i, 1)).toISOString().slice(0, 10);
    lines.push(`${date},${(1000 + 5 * i + 150 * Math.sin((2 * Math.PI * i) / 12) + 20 * normal()).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  dir = tempDataDir('aiser-analyze-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('aiser analyze forecast', () => {
  it('forecasts a monthly CSV: dates continue monthly, intervals nest, backtest errors reported', () => {
    const run = aiser(['forecast', '--in', file('monthly.csv', monthlyCsv()), '--horizon', '6', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(['seasonal_naive', 'ets', 'theta', 'combination']).toContain(out.method);
    expect(out.season).toBe(12);
    expect(out.forecast.map((p: { t: string }) => p.t)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']);
    for (const p of out.forecast) {
      expect(Object.keys(p)).toEqual(['t', 'mean', 'lo80', 'hi80', 'lo95', 'hi95']);
      expect(p.lo95).toBeLessThan(p.lo80);
      expect(p.lo80).toBeLessThan(p.mean);
      expect(p.mean).toBeLessThan(p.hi80);
      expect(p.hi80).toBeLessThan(p.hi95);
    }
    expect(out.backtest.mase).toBeGreaterThan(0);
    expect(out.backtest.smape).toBeGreaterThan(0);
  });

  it('continues an integer index and honours --season', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i + 1},${100 + [10, -5, 3, -8][i % 4] + i}`);
    const run = aiser(['forecast', '--in', file('index.csv', `t,value\n${rows.join('\n')}\n`), '--horizon', '3', '--season', '4', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.season).toBe(4);
    expect(out.forecast.map((p: { t: number }) => p.t)).toEqual([41, 42, 43]);
    // The season repeats: step 41 is phase 0 (+10), step 42 phase 1 (−5).
    expect(out.forecast[0].mean).toBeGreaterThan(out.forecast[1].mean);
  });
});

describe('aiser analyze anomalies', () => {
  it('names the date of an injected spike', () => {
    const normal = gaussian(prng(32));
    const rows = Array.from({ length: 140 }, (_, i) => {
      const date = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
      return `${date},${(500 + 60 * Math.sin((2 * Math.PI * i) / 7) + 8 * normal() + (i === 90 ? 120 : 0)).toFixed(2)}`;
    });
    const run = aiser(['anomalies', '--in', file('daily.csv', `t,value\n${rows.join('\n')}\n`), '--json']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.season).toBe(7);
    const spike = out.anomalies.find((a: { t: string }) => a.t === '2024-03-31');
    expect(spike).toBeDefined();
    for (const key of ['t', 'value', 'expected', 'lo', 'hi', 'score', 'confidence', 'methods']) expect(spike).toHaveProperty(key);
    expect(spike.value).toBeGreaterThan(spike.hi);
    expect(spike.confidence).toBeGreaterThan(0.5);
    expect(spike.confidence).toBeLessThanOrEqual(1);
  });
});

describe('aiser analyze test', () => {
  it("runs Welch's t-test on R's sleep data (t = -1.8608, df = 17.776, p = 0.07939)", () => {
    const spec = { test: 'welch_t', a: [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0], b: [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4] };
    const run = aiser(['test', '--in', file('welch.json', JSON.stringify(spec)), '--json']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['statistic', 'p_value', 'df', 'effect_size', 'ci']);
    expect(out.statistic).toBeCloseTo(-1.8608134675, 8);
    expect(out.p_value).toBeCloseTo(0.0793941402, 8);
    expect(out.df).toBeCloseTo(17.7764735, 6);
    expect(out.ci).toHaveLength(2);
  });

  it('runs chi-square and Fisher on tables; an infinite odds ratio is null', () => {
    const chi = JSON.parse(aiser(['test', '--in', file('chi.json', JSON.stringify({ test: 'chi_square', table: [[762, 327, 468], [484, 239, 477]] })), '--json']).stdout);
    expect(chi.df).toBe(2);
    expect(chi.statistic).toBeCloseTo(30.0701490958, 8);
    const fisher = JSON.parse(aiser(['test', '--in', file('fisher.json', JSON.stringify({ test: 'fisher_exact', table: [[6, 0], [1, 5]] })), '--json']).stdout);
    expect(fisher.statistic).toBeNull();
    expect(fisher.p_value).toBeGreaterThan(0);
    expect(fisher.p_value).toBeLessThan(0.05);
  });
});

describe('aiser analyze refuses bad input with the line to fix', () => {
  it.each([
    ['missing value', 't,value\n2024-01-01,1\n2024-01-02,\n', /line 3: the value for 2024-01-02 is missing/],
    ['text in a number', 't,value\n1,5\n2,7\n3,seven\n', /line 4: value "seven" is not a number/],
    ['unsorted dates', 't,value\n2024-01-02,1\n2024-01-01,2\n', /line 3: t 2024-01-01 comes before 2024-01-02 on line 2; sort/],
    ['duplicated dates', 't,value\n2024-01-01,1\n2024-01-01,2\n', /line 3: t 2024-01-01 duplicates line 2/],
    ['a bad header', 'date;value\n1;2\n', /line 1: the header must be "t,value"/],
    ['a bad date', 't,value\n2024-02-30,1\n', /line 2: t "2024-02-30" is neither/],
    ['too few points', 't,value\n1,1\n2,2\n3,3\n', /3 points; at least 8 are needed/],
  ])('%s', (_, text, message) => {
    const run = aiser(['forecast', '--in', file('bad.csv', text), '--horizon', '2', '--json']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('usage errors exit 2 and show the usage', () => {
    const run = aiser(['forecast', '--in', file('ok.csv', monthlyCsv()), '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--horizon is required/);
    expect(run.stderr).toMatch(/Usage: aiser analyze forecast/);
  });

  it('a bad test spec names the field', () => {
    const run = aiser(['test', '--in', file('spec.json', JSON.stringify({ test: 'pearson', a: [1, 2, 3, 4], b: [1, 2, 3] })), '--json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/same length/);
  });
});
