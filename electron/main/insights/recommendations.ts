/** Recommended actions derived from an analysis' findings: the driver segment, its size and its
 *  trend; the anomalous period and its gap; the forecast against the same period before. Each
 *  says what to do, what to expect (in the metric's unit) and which figure to watch. */
import type { Recommendation } from '../../../shared/api/domains/insights';
import type { Facts } from './facts';

export interface DriverFinding {
  metric: string;
  dimension: string;
  segment: string;
  /** The segment's part of the change, in the metric's unit. */
  contribution: number;
  /** contribution / total change. */
  share: number;
  before: number;
  after: number;
  /** The segment's part of the metric in the earlier period (its size), 0..1; null for ratios. */
  size: number | null;
  periodLabel: string;
  /** Whether the metric fell (a problem) or rose (something to repeat). */
  direction: 'up' | 'down';
}

export function driverActions(facts: Facts, d: DriverFinding): Recommendation[] {
  const where = `${d.dimension} “${d.segment}”`;
  const trend = d.before !== 0 ? (d.after - d.before) / Math.abs(d.before) : null;
  const trendWords = trend === null ? '' : `, ${trend < 0 ? 'down' : 'up'} ${facts.share(`${d.segment} change`, trend)} on the period before`;
  const size = d.size !== null ? ` and is ${facts.share(`${d.segment} size`, d.size)} of ${d.metric}` : '';
  const partOf = (change: string) => (d.share <= 1 ? `it accounts for ${facts.share(`${d.segment} share of the change`, d.share)} of the ${change}` : `it moved more than the whole ${change} (others moved the other way)`);
  const watch = `${d.metric} for ${where}, each period after ${d.periodLabel}`;
  if (d.direction === 'down') {
    const half = facts.value(`half of ${d.segment} contribution`, Math.abs(d.contribution) / 2);
    return [
      {
        action: `Review ${where} first: ${partOf('drop')}${trendWords}${size}.`,
        expectedOutcome: `Winning back half of its decline would recover about ${half} per period.`,
        metricToWatch: watch, basis: `${where}: largest contribution to the change in ${d.periodLabel}`,
      },
      {
        action: `Ask what changed for ${where} in ${d.periodLabel} (prices, stock, staffing, campaigns) before acting on other segments.`,
        expectedOutcome: `Confirms whether the ${facts.value(`${d.segment} contribution`, Math.abs(d.contribution))} decline is one-off or lasting.`,
        metricToWatch: watch, basis: `${where} trend`,
      },
    ];
  }
  const keep = facts.value(`${d.segment} contribution`, Math.abs(d.contribution));
  return [{
    action: `Find out what worked in ${where} and repeat it: ${partOf('increase')}${trendWords}${size}.`,
    expectedOutcome: `Holding its gain keeps about ${keep} per period.`,
    metricToWatch: watch, basis: `${where}: largest contribution to the change in ${d.periodLabel}`,
  }];
}

export interface AnomalyFinding {
  metric: string;
  periodLabel: string;
  kind: 'spike' | 'dip' | 'level_shift';
  value: number;
  expected: number;
  /** How many other periods were flagged. */
  others: number;
}

export function anomalyActions(facts: Facts, a: AnomalyFinding): Recommendation[] {
  const gap = facts.value(`gap in ${a.periodLabel}`, Math.abs(a.value - a.expected));
  const expected = facts.value(`expected in ${a.periodLabel}`, a.expected);
  const watch = `${a.metric} against its expected range, each period after ${a.periodLabel}`;
  if (a.kind === 'level_shift') {
    return [{
      action: `Treat ${a.periodLabel} as a new level for ${a.metric}: update targets and forecasts that assume the old one.`,
      expectedOutcome: `Plans stop missing by about ${gap} per period.`,
      metricToWatch: watch, basis: `level shift in ${a.periodLabel}`,
    }];
  }
  const low = a.kind === 'dip';
  return [{
    action: low
      ? `Check what happened in ${a.periodLabel} (outage, stock-out, data load): ${a.metric} was ${gap} below the expected ${expected}.`
      : `Check whether ${a.periodLabel}'s ${gap} above the expected ${expected} can be repeated (campaign, large deal) or is a one-off.`,
    expectedOutcome: low ? `If the cause is fixed, ${a.metric} returns to about ${expected} per period.` : `Knowing the cause tells whether to plan on about ${expected} or more.`,
    metricToWatch: watch, basis: `${a.kind} in ${a.periodLabel}${a.others ? ` (and ${facts.count('other flagged periods', a.others)} other flagged period${a.others === 1 ? '' : 's'})` : ''}`,
  }];
}

export interface ForecastFinding {
  metric: string;
  horizonLabel: string;
  firstLabel: string;
  firstLo: number;
  firstHi: number;
  /** Forecast total (or mean) against the same periods a year earlier, as a fraction; null when unknown. */
  change: number | null;
  comparisonLabel: string;
}

export function forecastActions(facts: Facts, f: ForecastFinding): Recommendation[] {
  const lo = facts.value(`${f.firstLabel} 80% low`, f.firstLo);
  const hi = facts.value(`${f.firstLabel} 80% high`, f.firstHi);
  const watch = `${f.metric} in ${f.firstLabel} against the ${lo}–${hi} range`;
  if (f.change !== null && f.change < 0) {
    return [{
      action: `Plan for ${f.metric} ${facts.share('forecast change', f.change)} below ${f.comparisonLabel} over ${f.horizonLabel}; decide now which levers (pricing, pipeline, campaigns) can close the gap.`,
      expectedOutcome: `An early start gives the whole ${f.horizonLabel} to act instead of reacting after the fact.`,
      metricToWatch: watch, basis: 'forecast below the same period a year earlier',
    }];
  }
  return [{
    action: f.change !== null
      ? `Budget for ${f.metric} about ${facts.share('forecast change', f.change)} above ${f.comparisonLabel} over ${f.horizonLabel}, and make sure capacity (stock, staff) keeps up.`
      : `Use the forecast band for ${f.horizonLabel} in planning and compare each period as it closes.`,
    expectedOutcome: `A result outside ${lo}–${hi} in ${f.firstLabel} is the signal to revisit the plan.`,
    metricToWatch: watch, basis: 'forecast trend',
  }];
}

export function significanceActions(facts: Facts, s: { metric: string; higher: string; lower: string; gap: number; real: boolean }): Recommendation[] {
  const gap = facts.value('difference between the groups', Math.abs(s.gap));
  if (!s.real) {
    return [{
      action: `Do not act on the gap between ${s.higher} and ${s.lower} yet: it is within normal variation.`,
      expectedOutcome: 'Avoids reallocating effort on noise; more periods of data will settle it.',
      metricToWatch: `${s.metric} for ${s.higher} and ${s.lower}, each period`, basis: 'difference not significant',
    }];
  }
  return [{
    action: `Learn from ${s.higher}: ${s.metric} there is ${gap} higher than ${s.lower} per period, and the gap is real.`,
    expectedOutcome: `Closing a quarter of the gap would add about ${facts.value('quarter of the gap', Math.abs(s.gap) / 4)} per period for ${s.lower}.`,
    metricToWatch: `${s.metric} for ${s.lower} relative to ${s.higher}`, basis: 'significant difference between groups',
  }];
}

export function correlationActions(facts: Facts, c: { a: string; b: string; r: number; real: boolean }): Recommendation[] {
  const r = facts.stat('correlation r', c.r, 2);
  if (!c.real) {
    return [{
      action: `Do not plan ${c.b} on ${c.a}: they do not move together reliably (r = ${r}).`,
      expectedOutcome: 'Keeps plans from resting on a link the data does not support.',
      metricToWatch: `${c.a} and ${c.b}, side by side`, basis: 'weak or uncertain correlation',
    }];
  }
  return [{
    action: `Use ${c.a} as an early signal for ${c.b} (they move ${c.r > 0 ? 'together' : 'in opposite directions'}, r = ${r}) — but test before assuming one causes the other.`,
    expectedOutcome: `Earlier warning when ${c.b} is about to change.`,
    metricToWatch: `${c.a}, as a leading indicator of ${c.b}`, basis: 'significant correlation',
  }];
}

export function whatIfActions(facts: Facts, w: { driver: string; target: string; change: number; impact: number; periodLabel: string }): Recommendation[] {
  const impact = facts.value(`${w.target} impact`, Math.abs(w.impact));
  const pct = facts.share(`${w.driver} change`, w.change);
  return [{
    action: w.impact >= 0
      ? `Weigh what it costs to move ${w.driver} ${pct} against about ${impact} more ${w.target} (on ${w.periodLabel}).`
      : `Prepare for about ${impact} less ${w.target} (on ${w.periodLabel}) if ${w.driver} moves ${pct}; decide which lever offsets it.`,
    expectedOutcome: `${w.target} moves by about ${impact} if everything else holds.`,
    metricToWatch: `${w.driver}, and ${w.target} as it follows`, basis: `scenario: ${w.driver} ${w.change >= 0 ? '+' : '−'}${pct}`,
  }];
}
