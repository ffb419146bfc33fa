/** What-if insight: a metric recomputed from its parts when one part changes, the others held
 *  ("what if average order value rises 5%?" → revenue = average order value × orders). */
import { whatIf } from '../../analytics';
import type { Insight } from '../../../../shared/api/domains/insights';
import type { Measure } from '../../nl2sql/plan';
import type { Period } from '../../nl2sql/time';
import { Facts } from '../facts';
import type { AnalysisIntent } from '../intent';
import { whatIfActions } from '../recommendations';
import { metricInfo, type Reading, type SeriesFetcher } from '../series';
import { capitalize, evidenceOf, insightOf, priorityOf, type Subject } from './common';

export interface Scenario {
  formula: string;
  driver: string;
  target: string;
  change: number;
  /** Totals to fetch; `value` parts are derived (a ratio from its numerator and denominator). */
  parts: Array<{ name: string; measure: Measure }>;
  derive?: { part: string; numerator: string; denominator: string };
}

const key = (m: Measure) => JSON.stringify(m.kind === 'metric' ? [m.metric.expr, m.metric.filter ?? null] : m);

/** Which metric moves and how it is built from the driver. */
export function scenarioOf(reading: Reading, intent: Extract<AnalysisIntent, { kind: 'whatIf' }>, fetcher: SeriesFetcher): Scenario {
  const measure = reading.plan.measures[0];
  const driver = reading.metric.name;
  const named = intent.target ? fetcher.read(intent.target)?.metric.name : undefined;
  if (reading.metric.parts) {
    const { numerator, denominator } = reading.metric.parts;
    const target = nameOf(fetcher, numerator) ?? named ?? `${driver} × ${nameOf(fetcher, denominator) ?? 'volume'}`;
    return {
      formula: 'driver * volume', driver, target, change: intent.change,
      parts: [{ name: 'numerator', measure: numerator }, { name: 'volume', measure: denominator }],
      derive: { part: 'driver', numerator: 'numerator', denominator: 'volume' },
    };
  }
  for (const metric of fetcher.metrics()) {
    const parts = metricInfo({ kind: 'metric', metric }).parts;
    if (!parts || key(parts.denominator) !== key(measure)) continue;
    return {
      formula: 'driver * rate', driver, target: nameOf(fetcher, parts.numerator) ?? named ?? `${driver} × ${metric.name}`, change: intent.change,
      parts: [{ name: 'driver', measure }, { name: 'numerator', measure: parts.numerator }],
      derive: { part: 'rate', numerator: 'numerator', denominator: 'driver' },
    };
  }
  return { formula: 'driver', driver, target: driver, change: intent.change, parts: [{ name: 'driver', measure }] };
}

function nameOf(fetcher: SeriesFetcher, part: Measure): string | undefined {
  return fetcher.metrics().find((m) => key({ kind: 'metric', metric: m }) === key(part))?.name;
}

export interface WhatIfInput {
  subject: Subject;
  scenario: Scenario;
  period: Period;
  /** Fetched totals by part name. */
  baseline: Record<string, number>;
}

export function buildWhatIfInsight(input: WhatIfInput): Insight {
  const { subject, scenario, period } = input;
  const base = { ...input.baseline };
  if (scenario.derive) base[scenario.derive.part] = base[scenario.derive.numerator] / base[scenario.derive.denominator];
  const used = Object.fromEntries(Object.entries(base).filter(([name]) => scenario.formula.includes(name)));
  const result = whatIf({ formula: scenario.formula, baseline: used, changes: [{ part: 'driver', pct: scenario.change * 100 }] });
  const facts = new Facts(subject.metric.format === 'currency' || scenario.formula !== 'driver' ? 'currency' : subject.metric.format);
  const targetUnit = scenario.formula === 'driver' ? subject.metric.format : 'currency';
  const pct = facts.share(`${scenario.driver} change`, scenario.change);
  const delta = facts.value(`${scenario.target} change`, result.change, targetUnit);
  const headline = `If ${scenario.driver} ${scenario.change >= 0 ? 'rises' : 'falls'} ${pct}, ${scenario.target} ${result.change >= 0 ? 'rises' : 'falls'} by about ${delta.replace(/^-/, '')}, to ${facts.value(`${scenario.target} scenario`, result.scenario, targetUnit)} (on ${period.label}).`;
  const held = Object.keys(used).filter((p) => p !== 'driver');
  const summary = `Based on ${period.label}: ${scenario.target} was ${facts.value(`${scenario.target} baseline`, result.baseline, targetUnit)} with ${scenario.driver} at ${facts.value(`${scenario.driver} baseline`, base.driver, subject.metric.format)}. `
    + (held.length ? 'Everything else is held at its actual value; in practice a change in one part often moves the others.' : 'Nothing else is assumed to change.');
  const statistics = `Formula ${scenario.target} = ${scenario.formula.replace('driver', scenario.driver)}; parts ${result.parts.map((p) => `${p.part} ${facts.stat(`${p.part} baseline`, p.baseline, 6)} → ${facts.stat(`${p.part} scenario`, p.scenario, 6)}`).join(', ')}.`;
  const relative = result.changePct !== null ? result.changePct / 100 : null;
  return insightOf(subject, {
    kind: 'what-if', headline, summary, statistics, confidence: 0.9,
    impact: { value: result.change, text: delta, description: `${scenario.target}, on ${period.label}` },
    priority: priorityOf(relative, 0.9, result.change < 0),
    significant: Math.abs(relative ?? 0) >= 0.02,
    evidence: evidenceOf(subject, facts, {
      method: `What-if: ${scenario.target} recomputed from its parts with ${scenario.driver} changed and the other parts held`,
      inputs: [`${scenario.parts.map((p) => metricInfo(p.measure).name).join(' and ')} in ${period.label}`],
      parameters: { formula: scenario.formula, change: scenario.change, period: `${period.start}..${period.end}` },
      scope: [...subject.filters, period.label],
    }),
    recommendations: whatIfActions(facts, { driver: scenario.driver, target: scenario.target, change: scenario.change, impact: result.change, periodLabel: period.label }),
    chart: {
      kind: 'contributions', title: `${capitalize(scenario.target)}: actual and scenario`, format: targetUnit, yLabel: scenario.target,
      before: { label: `Actual (${period.label})`, value: result.baseline }, after: { label: 'Scenario', value: result.scenario },
      bars: [{ label: `${scenario.driver} ${scenario.change >= 0 ? '+' : '−'}${pct}`, dimension: 'scenario', contribution: result.change, share: 1 }],
    },
    period: { start: period.start, end: period.end, label: period.label },
  });
}
