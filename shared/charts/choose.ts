import { formatValue, humanizeColumn } from './format';
import { type ChartIntent, detectIntent } from './intent';
import { type ColumnProfile, type ResultLike, numbersOf, pearson, profileColumns } from './shape';
import type { ChartSpec, ChartType } from './spec';
import { titleFor } from './title';

type Alternative = ChartSpec['alternatives'][number];

const REASONS: Record<ChartType, string> = {
  line: 'A line shows how the value changes over time.',
  area: 'An area emphasises the running volume over time.',
  bar: 'Sorted bars make the ranking easy to read.',
  column: 'Columns compare a handful of categories side by side.',
  'stacked-bar': 'Stacked bars show each part within the total.',
  donut: 'A donut shows the share of each part (up to 6 slices).',
  scatter: 'A scatter plot shows whether two measures move together.',
  histogram: 'A histogram shows how values are spread.',
  box: 'A box plot shows median, quartiles and outliers.',
  kpi: 'A single number reads best as a headline figure.',
  table: 'A table shows every value exactly.',
};

function alt(...types: ChartType[]): Alternative[] {
  return types.map((type) => ({ type, reason: REASONS[type] }));
}

interface Choice { type: ChartType; x?: ColumnProfile; y: ColumnProfile[]; series?: ColumnProfile; alternatives: Alternative[] }

function choose(profiles: ColumnProfile[], rowCount: number, intent: ChartIntent, result: ResultLike): Choice {
  const measures = profiles.filter((p) => p.role === 'measure');
  const times = profiles.filter((p) => p.role === 'time');
  const categories = profiles.filter((p) => p.role === 'category');
  const none: Choice = { type: 'table', y: [], alternatives: [] };
  if (!measures.length) return none;
  if (rowCount === 1) return { type: 'kpi', y: [measures[0]], alternatives: alt('table') };
  const time = times[0];
  if (time) {
    const split = categories[0];
    if (split && measures.length === 1 && split.distinct <= 7) {
      return { type: intent === 'share' ? 'stacked-bar' : 'line', x: time, y: measures.slice(0, 1), series: split, alternatives: alt(intent === 'share' ? 'line' : 'stacked-bar', 'table') };
    }
    return { type: 'line', x: time, y: measures.slice(0, 3), alternatives: alt('area', 'column', 'table') };
  }
  const category = categories[0];
  if (category) {
    if (categories.length >= 2 && categories[1].distinct <= 7) {
      return { type: 'stacked-bar', x: category, y: measures.slice(0, 1), series: categories[1], alternatives: alt('bar', 'table') };
    }
    if (intent === 'share' && measures.length === 1 && numbersOf(result, measures[0].index).every((v) => v >= 0)) {
      return { type: 'donut', x: category, y: measures.slice(0, 1), alternatives: alt('bar', 'stacked-bar', 'table') };
    }
    return { type: 'bar', x: category, y: measures.slice(0, 2), alternatives: alt(measures.length === 1 ? 'donut' : 'column', 'column', 'table').filter((a, i, all) => all.findIndex((b) => b.type === a.type) === i) };
  }
  if (measures.length >= 2 && (intent !== 'distribution')) {
    return { type: 'scatter', x: measures[0], y: [measures[1]], alternatives: alt('table') };
  }
  return { type: intent === 'distribution' && rowCount < 50 ? 'box' : 'histogram', x: measures[0], y: [measures[0]], alternatives: alt(intent === 'distribution' && rowCount < 50 ? 'histogram' : 'box', 'table') };
}

/** Picks a chart for a result from its shape and the question's intent; the title states the takeaway. */
export function chooseChart(result: ResultLike, question?: string): ChartSpec {
  const profiles = profileColumns(result);
  const intent = detectIntent(question);
  const choice = choose(profiles, result.rows.length, intent, result);
  const spec: ChartSpec = {
    type: choice.type,
    title: '',
    x: choice.x?.name,
    y: choice.y.map((p) => p.name),
    series: choice.series?.name,
    xFormat: choice.x?.format,
    yFormat: choice.y[0]?.format,
    xLabel: choice.x ? humanizeColumn(choice.x.name) : undefined,
    yLabel: choice.y[0] ? humanizeColumn(choice.y[0].name) : undefined,
    alternatives: choice.alternatives.filter((a) => a.type !== choice.type),
    reason: REASONS[choice.type],
  };
  if (choice.type === 'kpi' && choice.y[0]) {
    const delta = kpiDelta(result, profiles, choice.y[0]);
    if (delta) spec.delta = delta;
  }
  spec.title = titleFor(spec, result);
  if (choice.type === 'scatter' && choice.x && choice.y[0]) {
    const r = pearson(numbersOf(result, choice.x.index), numbersOf(result, choice.y[0].index));
    if (Number.isFinite(r)) spec.subtitle = `Correlation r = ${r.toFixed(2)} across ${formatValue(result.rows.length, 'integer')} rows`;
  }
  return spec;
}

const PREVIOUS = /(prev|previous|prior|last|before|baseline|comparison)/i;

/** A single-row result with a "previous" column gets a fractional delta (0.082 = +8.2%). */
function kpiDelta(result: ResultLike, profiles: ColumnProfile[], measure: ColumnProfile): ChartSpec['delta'] | undefined {
  const previous = profiles.find((p) => p.role === 'measure' && p !== measure && PREVIOUS.test(p.name));
  if (!previous) return undefined;
  const current = Number(result.rows[0][measure.index]);
  const before = Number(result.rows[0][previous.index]);
  if (!Number.isFinite(current) || !Number.isFinite(before) || before === 0) return undefined;
  return { value: (current - before) / Math.abs(before), label: `vs ${humanizeColumn(previous.name).toLowerCase()}`, format: 'fraction-percent' };
}

/** Re-targets a spec at another chart type (for the "alternatives" switcher). */
export function switchChartType(spec: ChartSpec, type: ChartType, result?: ResultLike): ChartSpec {
  const alternatives = [...spec.alternatives.filter((a) => a.type !== type), { type: spec.type, reason: REASONS[spec.type] }];
  const next: ChartSpec = { ...spec, type, alternatives, reason: REASONS[type] };
  if (result) next.title = titleFor(next, result);
  return next;
}

export { REASONS as CHART_REASONS };
