/** Clarifying questions for vague measures ("how are we doing by region?", "show performance"):
 *  instead of guessing, offer the things this source can measure, each with a confidence. */
import type { SemanticModel } from './model';
import type { Dimension } from './plan';
import type { Clarification } from './outcome';

/** General business words that ask for "a number" without saying which one. */
export const VAGUE_MEASURE = /\b(performance|performing|doing|numbers|figures|results|kpis?|metrics|stats|statistics|value|amount|totals?|overview|health)\b/;

const MAX_OPTIONS = 4;

/** Measures to offer: the glossary's metrics in order, else measure columns, else row counts. */
function candidateMeasures(model: SemanticModel, dims: Dimension[]): string[] {
  if (model.metrics.length) return model.metrics.map((m) => m.name);
  const dimTables = new Set(dims.flatMap((d) => (d.kind === 'column' ? [d.table] : [])));
  const columns = [...model.tables.values()].flatMap((t) => t.columns.filter((c) => c.role === 'measure').map((c) => ({ label: `total ${c.label}`, near: dimTables.has(t.name) })));
  const counts = [...model.tables.values()].filter((t) => (t.rowCount ?? 0) > 0 || t.columns.length).map((t) => ({ label: `number of ${t.label}`, near: false }));
  return [...columns.filter((c) => c.near), ...columns.filter((c) => !c.near), ...counts].map((c) => c.label);
}

export function vagueMeasureClarification(model: SemanticModel, text: string, dims: Dimension[]): Clarification | undefined {
  const match = VAGUE_MEASURE.exec(text);
  if (!match) return undefined;
  const labels = [...new Set(candidateMeasures(model, dims))].slice(0, MAX_OPTIONS);
  if (labels.length < 2) return undefined;
  // Earlier options are the source's primary measures: a gently decreasing confidence.
  const weights = labels.map((_, i) => 1 / (i + 2));
  const total = weights.reduce((a, b) => a + b, 0);
  const by = dims.length ? ` by ${dims.map((d) => d.label).join(' and ')}` : '';
  return {
    question: `Which figure should I show${by}? "${match[1]}" can be measured several ways.`,
    options: labels.map((label, i) => ({ label, confidence: Math.round((weights[i] / total) * 100) / 100 })),
  };
}
