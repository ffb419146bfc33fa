/** Calibrated confidence: the probability that an answer is right, from a logistic model over what
 *  the engine knows about its own reading. Coefficients are fitted (`npm run bench:nl2sql -- --fit`)
 *  on the held-out plain-schema question sets, never on the questions used to build the rules. */
import type { QueryPlan } from './plan';
import type { QuestionSignals } from './outcome';

export interface CalibrationFeatures {
  /** The planner's own score (share of words understood × match quality). */
  heuristic: number;
  unknownWords: number;
  /** Tables joined by the SQL. */
  joins: number;
  weakestMatch: number;
  smallestMargin: number;
  /** 1 when the plan is more than one aggregate (ratios, shares, growth, lists, per-entity tests). */
  complexShape: number;
}

export const FEATURE_NAMES = ['heuristic', 'unknownWords', 'joins', 'weakestMatch', 'smallestMargin', 'complexShape'] as const;

/** Fitted on the held-out sets; see the bench's reliability table for how well they hold. */
export const COEFFICIENTS = { bias: 2.611, weights: [0.082, -1.114, 0.092, -0.02, 0.126, -0.857] };

/** Answers at or above this probability count as "high confidence" (answered without hedging). */
export const HIGH_CONFIDENCE = 0.8;

export function featuresOf(heuristic: number, signals: QuestionSignals | undefined, plan: QueryPlan | undefined, sql: string | undefined): CalibrationFeatures {
  return {
    heuristic,
    unknownWords: signals?.unknownWords.length ?? 0,
    joins: sql ? (sql.match(/\bJOIN\b/g) ?? []).length : 0,
    weakestMatch: signals?.weakestMatch ?? 0,
    smallestMargin: Math.min(1, signals?.smallestMargin ?? 1),
    complexShape: plan && (plan.shape.kind !== 'basic' || plan.having) ? 1 : 0,
  };
}

const vector = (f: CalibrationFeatures) => FEATURE_NAMES.map((n) => f[n]);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function calibrated(f: CalibrationFeatures, model = COEFFICIENTS): number {
  const x = vector(f);
  const z = model.bias + model.weights.reduce((s, w, i) => s + w * x[i], 0);
  return Math.round(sigmoid(z) * 100) / 100;
}

/** L2-regularised logistic regression by gradient descent (small data: a few hundred questions). */
export function fitLogistic(samples: { features: CalibrationFeatures; right: boolean }[], iterations = 4000, rate = 0.3, l2 = 0.01): typeof COEFFICIENTS {
  const xs = samples.map((s) => vector(s.features));
  const ys = samples.map((s) => (s.right ? 1 : 0));
  let bias = 0;
  const weights = new Array<number>(FEATURE_NAMES.length).fill(0);
  for (let it = 0; it < iterations; it++) {
    let gb = 0;
    const gw = new Array<number>(weights.length).fill(0);
    xs.forEach((x, i) => {
      const err = sigmoid(bias + weights.reduce((s, w, j) => s + w * x[j], 0)) - ys[i];
      gb += err;
      x.forEach((v, j) => { gw[j] += err * v; });
    });
    bias -= (rate * gb) / xs.length;
    weights.forEach((w, j) => { weights[j] = w - rate * (gw[j] / xs.length + l2 * w); });
  }
  return { bias: Math.round(bias * 1000) / 1000, weights: weights.map((w) => Math.round(w * 1000) / 1000) };
}

/** Rows of the reliability table: per confidence band, how many answers and how many were right. */
export function reliabilityTable(points: { confidence: number; right: boolean }[], bands = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01]) {
  return bands.slice(0, -1).map((lo, i) => {
    const inBand = points.filter((p) => p.confidence >= lo && p.confidence < bands[i + 1]);
    const right = inBand.filter((p) => p.right).length;
    const mean = inBand.length ? inBand.reduce((s, p) => s + p.confidence, 0) / inBand.length : 0;
    return { band: `${lo.toFixed(1)}–${Math.min(1, bands[i + 1]).toFixed(1)}`, answers: inBand.length, right, accuracy: inBand.length ? right / inBand.length : 0, meanConfidence: mean };
  });
}
