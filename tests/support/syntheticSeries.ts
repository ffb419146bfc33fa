// Generated time series with known structure and labelled anomalies, from a seeded PRNG, for
// evaluating forecasts and anomaly detection (our own data; no public benchmark sets).

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export type SeriesShape = 'additive' | 'multiplicative' | 'trend_only' | 'damped_trend' | 'random_walk';

export interface SyntheticSeries {
  shape: SeriesShape;
  season: number;
  values: number[];
}

/** One series of `length` points: level, trend, season (additive or multiplicative) and noise, all drawn from the seed. */
export function syntheticSeries(seed: number, length: number, season: number, shape?: SeriesShape): SyntheticSeries {
  const random = prng(seed);
  const normal = gaussian(random);
  const shapes: SeriesShape[] = ['additive', 'multiplicative', 'trend_only', 'damped_trend', 'random_walk'];
  const kind = shape ?? shapes[Math.floor(random() * shapes.length)];
  const level = 50 + random() * 950;
  const slope = (random() - 0.3) * level * 0.01;
  const amplitude = 0.05 + random() * 0.3;
  const phase = random() * 2 * Math.PI;
  const noise = 0.02 + random() * 0.06;
  const harmonic = random() * 0.5;
  const seasonAt = (t: number) => Math.sin((2 * Math.PI * t) / season + phase) + harmonic * Math.sin((4 * Math.PI * t) / season);
  let walk = level;
  let damped = 0;
  const values = Array.from({ length }, (_, t) => {
    const e = normal();
    switch (kind) {
      case 'additive':
        return level + slope * t + amplitude * level * seasonAt(t) + noise * level * e;
      case 'multiplicative':
        return (level + slope * t) * (1 + amplitude * seasonAt(t)) * (1 + noise * e);
      case 'trend_only':
        return level + slope * t + noise * level * e;
      case 'damped_trend':
        damped += slope * 0.97 ** t;
        return level + damped + amplitude * level * 0.5 * seasonAt(t) + noise * level * e;
      case 'random_walk':
        walk += noise * level * 0.5 * e;
        return walk + amplitude * level * 0.3 * seasonAt(t) + noise * level * 0.3 * normal();
    }
  });
  return { shape: kind, season, values: values.map((v) => Math.max(v, level * 0.01)) };
}

export interface InjectedAnomaly {
  index: number;
  kind: 'spike' | 'dip' | 'level_shift';
}

/** A seasonal series with spikes, dips and at most one level shift injected at least `gap` points apart. */
export function seriesWithAnomalies(seed: number, length: number, season: number): { values: number[]; injected: InjectedAnomaly[]; noiseSd: number } {
  const random = prng(seed * 7919 + 17);
  const normal = gaussian(random);
  const level = 100 + random() * 900;
  const noiseSd = level * (0.02 + random() * 0.03);
  const amplitude = level * (0.1 + random() * 0.2);
  const slope = (random() - 0.5) * level * 0.004;
  const values = Array.from({ length }, (_, t) => level + slope * t + amplitude * Math.sin((2 * Math.PI * t) / season) + noiseSd * normal());
  const injected: InjectedAnomaly[] = [];
  const taken = (i: number, gap: number) => injected.some((a) => Math.abs(a.index - i) < gap);
  if (random() < 0.6) {
    const at = Math.floor(length * (0.35 + random() * 0.4));
    const size = (random() < 0.5 ? -1 : 1) * noiseSd * (5 + random() * 5);
    for (let t = at; t < length; t++) values[t] += size;
    injected.push({ index: at, kind: 'level_shift' });
  }
  const points = 1 + Math.floor(random() * 4);
  for (let k = 0; k < points * 20 && injected.length < points + 1; k++) {
    const at = 2 + Math.floor(random() * (length - 4));
    if (taken(at, season)) continue;
    const up = random() < 0.5;
    values[at] += (up ? 1 : -1) * noiseSd * (5 + random() * 7);
    injected.push({ index: at, kind: up ? 'spike' : 'dip' });
  }
  return { values, injected: injected.sort((a, b) => a.index - b.index), noiseSd };
}

/** Monthly series outside the main generator's families, to check forecasts beyond it: heavy-tailed
 *  noise, a trend break, exponential growth, small counts, autocorrelated noise. */
export const STRESS_FAMILIES: Record<string, (seed: number, length: number) => number[]> = {
  heavy_tails: (seed, n) => {
    const normal = gaussian(prng(seed));
    return Array.from({ length: n }, (_, t) => 500 + 2 * t + 60 * Math.sin((2 * Math.PI * t) / 12) + (15 * normal()) / Math.sqrt(Math.max(0.05, (normal() ** 2 + normal() ** 2 + normal() ** 2) / 3)));
  },
  trend_break: (seed, n) => {
    const random = prng(seed);
    const normal = gaussian(random);
    const at = Math.floor(n * (0.4 + random() * 0.35));
    const slope = (random() - 0.5) * 8;
    return Array.from({ length: n }, (_, t) => 500 + (t < at ? 3 * t : 3 * at + slope * (t - at)) + 50 * Math.sin((2 * Math.PI * t) / 12) + 10 * normal());
  },
  exponential_growth: (seed, n) => {
    const random = prng(seed);
    const normal = gaussian(random);
    const growth = 0.005 + random() * 0.02;
    return Array.from({ length: n }, (_, t) => 100 * Math.exp(growth * t) * (1 + 0.15 * Math.sin((2 * Math.PI * t) / 12)) * (1 + 0.04 * normal()));
  },
  small_counts: (seed, n) => {
    const random = prng(seed);
    return Array.from({ length: n }, (_, t) => {
      const rate = 3 + 2 * Math.sin((2 * Math.PI * t) / 12);
      let [k, p] = [0, Math.exp(-rate)];
      let cumulative = p;
      const u = random();
      while (u > cumulative) {
        k++;
        p *= rate / k;
        cumulative += p;
      }
      return k;
    });
  },
  autocorrelated_noise: (seed, n) => {
    const normal = gaussian(prng(seed));
    let e = 0;
    return Array.from({ length: n }, (_, t) => {
      e = 0.7 * e + 10 * normal();
      return 300 + 40 * Math.sin((2 * Math.PI * t) / 12) + e;
    });
  },
};
