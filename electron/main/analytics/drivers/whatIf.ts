// What-if: recompute a metric from its parts after changing some of them ("AOV +5%").
import { AnalyticsInputError } from '../stats/types';
import { evaluate, parseFormula, partsOf } from './formula';

export type PartChange = { part: string } & ({ pct: number } | { delta: number } | { value: number });

export interface WhatIfInput {
  /** e.g. "orders * aov". */
  formula: string;
  baseline: Readonly<Record<string, number>>;
  changes: readonly PartChange[];
}

export interface WhatIfResult {
  formula: string;
  baseline: number;
  scenario: number;
  change: number;
  changePct: number | null;
  parts: Array<{ part: string; baseline: number; scenario: number }>;
  /** Each change applied alone, holding the other parts at baseline. */
  effects: Array<{ part: string; change: number }>;
}

function applyChange(value: number, change: PartChange): number {
  if ('pct' in change) return value * (1 + change.pct / 100);
  if ('delta' in change) return value + change.delta;
  return change.value;
}

export function whatIf(input: WhatIfInput): WhatIfResult {
  const formula = parseFormula(input.formula);
  const names = partsOf(formula);
  for (const name of names) {
    if (!Number.isFinite(input.baseline[name])) throw new AnalyticsInputError(`The formula uses "${name}" but the baseline has no number for it.`);
  }
  const scenarioParts: Record<string, number> = { ...input.baseline };
  for (const change of input.changes) {
    if (!names.includes(change.part)) throw new AnalyticsInputError(`"${change.part}" is not a part of ${input.formula} (parts: ${names.join(', ')}).`);
    scenarioParts[change.part] = applyChange(scenarioParts[change.part], change);
  }
  const base = evaluate(formula, input.baseline);
  const scenario = evaluate(formula, scenarioParts);
  return {
    formula: input.formula,
    baseline: base,
    scenario,
    change: scenario - base,
    changePct: base === 0 ? null : ((scenario - base) / Math.abs(base)) * 100,
    parts: names.map((part) => ({ part, baseline: input.baseline[part], scenario: scenarioParts[part] })),
    effects: input.changes.map((c) => ({ part: c.part, change: evaluate(formula, { ...input.baseline, [c.part]: applyChange(input.baseline[c.part], c) }) - base })),
  };
}

/** Reads "aov +5%", "average order value rises 5%", "orders fall by 10 percent" → subject and percent change. */
export function parsePercentChange(text: string): { subject: string; pct: number } | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const signed = /^(?:what if )?(?:the )?(.+?) (?:is |goes |went )?([+-]) ?(\d+(?:\.\d+)?) ?(?:%|percent)/.exec(t);
  if (signed) return { subject: signed[1].trim(), pct: (signed[2] === '-' ? -1 : 1) * Number(signed[3]) };
  const worded = /^(?:what if )?(?:the |our )?(.+?) (rises?|increases?|grows?|goes up|improves?|falls?|drops?|decreases?|declines?|goes down|shrinks?) (?:by )?(\d+(?:\.\d+)?) ?(?:%|percent)/.exec(t);
  if (worded) return { subject: worded[1].trim(), pct: (/fall|drop|decrease|decline|down|shrink/.test(worded[2]) ? -1 : 1) * Number(worded[3]) };
  return null;
}
