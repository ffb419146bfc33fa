// Every statistic and p-value against reference values from established statistical software on
// published datasets. R's printed output is quoted next to each fixture; the full-precision digits
// agree with it and were computed with SciPy 1.17 (same conventions), and for exact tests by
// enumerating every table / rank assignment with rational arithmetic.
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, compareSegments, runTest, type TestSpec } from '../index';

function close(actual: number | null | undefined, expected: number) {
  expect(actual).not.toBeNull();
  const tolerance = Math.abs(expected) < 1e-12 ? 1e-12 : 1e-6 * Math.abs(expected);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

// R datasets::sleep (Student 1908), `extra` by group.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

// R datasets::mtcars (Henderson & Velleman 1981), in row order.
const MPG = [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4];
const WT = [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78];
const AM = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
const VS = [0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1];
const MPG_AUTOMATIC = MPG.filter((_, i) => AM[i] === 0);
const MPG_MANUAL = MPG.filter((_, i) => AM[i] === 1);

describe('the mtcars fixture is the R dataset', () => {
  it('has R\'s totals: sum(mpg) = 642.9, mean(wt) = 3.21725, 13 manual, 14 straight engines', () => {
    close(MPG.reduce((s, v) => s + v, 0), 642.9);
    close(WT.reduce((s, v) => s + v, 0) / 32, 3.21725);
    expect([MPG.length, WT.length, AM.length, VS.length]).toEqual([32, 32, 32, 32]);
    expect(AM.reduce((s, v) => s + v, 0)).toBe(13);
    expect(VS.reduce((s, v) => s + v, 0)).toBe(14);
  });
});

describe("Welch's t-test", () => {
  it('sleep — R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832', () => {
    const r = runTest({ test: 'welch_t', a: SLEEP_1, b: SLEEP_2 });
    close(r.statistic, -1.8608134674868526);
    close(r.df, 17.776473516178488);
    close(r.pValue, 0.0793941401873583);
    close(r.ci![0], -3.3654832);
    close(r.ci![1], 0.2054832);
  });

  it('mtcars — R: t.test(mpg ~ am, data = mtcars): t = -3.7671, df = 18.332, p-value = 0.001374, 95% CI -11.280194 -3.209684', () => {
    const r = runTest({ test: 'welch_t', a: MPG_AUTOMATIC, b: MPG_MANUAL });
    close(r.statistic, -3.767123145144923);
    close(r.df, 18.332251638400464);
    close(r.pValue, 0.0013736383330710362);
    close(r.ci![0], -11.280194);
    close(r.ci![1], -3.209684);
    expect(r.effectSize).toBeLessThan(-1); // Cohen's d: a large effect, automatic below manual
  });
});

describe('Mann-Whitney U', () => {
  it('exact without ties — R ?wilcox.test (Hollander & Wolfe 1973, p. 69): W = 35, one-sided p-value = 0.1272; two-sided = 0.2544 (= 764/3003 by enumeration)', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = runTest({ test: 'mann_whitney', a: x, b: y });
    close(r.statistic, 35);
    close(r.pValue, 764 / 3003);
    expect(r.details.exact).toBe(true);
    close(r.effectSize, (2 * 35) / 50 - 1);
  });

  it('with ties, normal approximation — R: wilcox.test(mpg ~ am, data = mtcars): W = 42, p-value = 0.001871', () => {
    const r = runTest({ test: 'mann_whitney', a: MPG_AUTOMATIC, b: MPG_MANUAL });
    close(r.statistic, 42);
    close(r.pValue, 0.0018713913331785542);
    expect(r.details.exact).toBe(false);
  });
});

describe('chi-square test of independence', () => {
  it('2×3 — R ?chisq.test, Agresti (2007) p. 39 party by gender: X-squared = 30.07, df = 2, p-value = 2.954e-07', () => {
    const r = runTest({ test: 'chi_square', table: [[762, 327, 468], [484, 239, 477]] });
    close(r.statistic, 30.070149095754672);
    expect(r.df).toBe(2);
    close(r.pValue, 2.9535891832117595e-7);
  });

  it('3×3 — R: chisq.test(table(mtcars$cyl, mtcars$gear)): X-squared = 18.036, df = 4, p-value = 0.001214 (no correction beyond 2×2)', () => {
    const r = runTest({ test: 'chi_square', table: [[1, 8, 2], [2, 4, 1], [12, 0, 2]] });
    close(r.statistic, 18.03636363636364);
    expect(r.df).toBe(4);
    close(r.pValue, 0.0012140660337851554);
  });

  it("2×2 with Yates' correction — R: chisq.test(table(mtcars$am, mtcars$vs)): X-squared = 0.34754, df = 1, p-value = 0.5555", () => {
    const r = runTest({ test: 'chi_square', table: [[12, 7], [6, 7]] });
    close(r.statistic, 0.34753550543024225);
    expect(r.df).toBe(1);
    close(r.pValue, 0.5555115470131495);
    // Cramér's V from the uncorrected X² = 224/247
    close(r.effectSize, Math.sqrt(224 / 247 / 32));
  });
});

describe("Fisher's exact test", () => {
  it("Agresti's tea tasting (R ?fisher.test, TeaTasting): two-sided p-value = 0.4857 = 17/35; sample odds ratio 9", () => {
    const r = runTest({ test: 'fisher_exact', table: [[3, 1], [1, 3]] });
    close(r.pValue, 17 / 35);
    close(r.statistic, 9);
  });

  it("Fisher's (1962) convictions of like-sex twins (R ?fisher.test, Convictions): one-sided 0.0004652, two-sided = 3571/6653325", () => {
    const r = runTest({ test: 'fisher_exact', table: [[2, 15], [10, 3]] });
    close(r.pValue, 3571 / 6653325);
    close(r.statistic, 6 / 150);
  });

  it('reports an infinite odds ratio as null', () => {
    expect(runTest({ test: 'fisher_exact', table: [[5, 0], [1, 4]] }).statistic).toBeNull();
  });
});

describe('two proportions', () => {
  it('mtcars share of manual cars, V-shaped (6/18) vs straight (7/14) — R: prop.test(c(6, 7), c(18, 14), correct = FALSE): X-squared = 0.90688 (= z², 224/247), p-value = 0.3409', () => {
    const r = runTest({ test: 'two_proportions', a: AM.filter((_, i) => VS[i] === 0), b: AM.filter((_, i) => VS[i] === 1) });
    close(r.statistic, -Math.sqrt(224 / 247));
    close(r.pValue, 0.34094291427438084);
    close(r.estimate, 6 / 18 - 7 / 14);
  });
});

describe('correlation', () => {
  it('Pearson — R: cor.test(mtcars$mpg, mtcars$wt): cor -0.8676594, t = -9.559, df = 30, p-value = 1.294e-10, 95% CI -0.9338264 -0.7440872', () => {
    const r = runTest({ test: 'pearson', a: MPG, b: WT });
    close(r.statistic, -0.8676593765172278);
    expect(r.df).toBe(30);
    close(r.pValue, 1.2939587013505127e-10);
    close(r.ci![0], -0.9338264132849942);
    close(r.ci![1], -0.7440871964601126);
  });

  it('Spearman — R: cor.test(mtcars$mpg, mtcars$wt, method = "spearman", exact = FALSE): rho -0.886422, p-value = 1.488e-11', () => {
    const r = runTest({ test: 'spearman', a: MPG, b: WT });
    close(r.statistic, -0.8864220332702978);
    close(r.pValue, 1.487594858127495e-11);
  });
});

describe('Benjamini-Hochberg', () => {
  it('matches R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.6, 0.045), "BH")', () => {
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, 0.6, 0.045]);
    [0.035, 0.063, 0.063, 0.035, 0.23333333333333336, 0.6, 0.063].forEach((p, i) => close(adjusted[i], p));
  });
});

describe('compareSegments', () => {
  it('tests each segment against the rest and adjusts the p-values (BH)', () => {
    const result = compareSegments([
      { name: 'automatic', values: MPG_AUTOMATIC },
      { name: 'manual', values: MPG_MANUAL },
    ]);
    // With two segments each is compared with the other: both raw p-values are R's t.test(mpg ~ am) p-value.
    for (const r of result) close(r.adjustedP, 0.0013736383330710362);
    expect(result.every((r) => r.significant)).toBe(true);
    const many = compareSegments(Array.from({ length: 8 }, (_, k) => ({ name: `s${k}`, values: [1, 2, 3, 4, 5].map((v) => v + (k % 2) * 0.1) })));
    expect(many.some((r) => r.significant)).toBe(false);
  });
});

describe('input validation', () => {
  it.each<[TestSpec | Record<string, unknown>, RegExp]>([
    [{ test: 'anova', a: [1], b: [2] }, /"test" must be one of/],
    [{ test: 'welch_t', a: [1, 2, 'x'], b: [1, 2] }, /"a"\[2\] is "x"/],
    [{ test: 'welch_t', a: [1], b: [1, 2] }, /at least 2 values/],
    [{ test: 'pearson', a: [1, 2, 3, 4], b: [1, 2, 3] }, /same length/],
    [{ test: 'fisher_exact', table: [[1, 2, 3], [4, 5, 6]] }, /2×2 table/],
    [{ test: 'chi_square', table: [[1, 2], [3]] }, /row 2/],
    [{ test: 'two_proportions', a: [0, 1, 2], b: [1, 0] }, /0 or 1/],
    [{ test: 'spearman', a: [1, 2, 3], b: [4, 4, 4] }, /All values of "b" are equal/],
    [{ test: 'welch_t', a: [1, 1], b: [2, 2] }, /no variation/],
  ])('rejects %j', (spec, message) => {
    expect(() => runTest(spec as TestSpec)).toThrow(message);
  });
});
