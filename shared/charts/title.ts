import { formatValue, humanizeColumn } from './format';
import { type ResultLike, numbersOf } from './shape';
import type { ChartSpec } from './spec';
import { buildChartData } from './data';

function measureName(spec: ChartSpec): string {
  return spec.yLabel ?? humanizeColumn(spec.y[0] ?? 'value');
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A title that states the takeaway ("North leads revenue with $4.2M"), not the chart's anatomy. */
export function titleFor(spec: ChartSpec, result: ResultLike): string {
  const measure = measureName(spec);
  const fmt = spec.yFormat ?? 'number';
  if (!result.rows.length) return `No rows for ${lower(measure)}`;
  const data = buildChartData(spec, result);
  switch (data.kind) {
    case 'kpi':
      return `${measure}: ${formatValue(data.value, fmt)}`;
    case 'time': {
      const points = data.series[0]?.data ?? [];
      if (points.length < 2) return `${measure} over time`;
      const first = points[0][1];
      const last = points[points.length - 1][1];
      if (data.series.length > 1) return `${measure} over time by ${lower(humanizeColumn(spec.series ?? 'series'))}`;
      if (first === 0) return `${measure} went from 0 to ${formatValue(last, fmt)}`;
      const change = (last - first) / Math.abs(first);
      const verb = change > 0.005 ? 'rose' : change < -0.005 ? 'fell' : 'held steady';
      return verb === 'held steady' ? `${measure} held steady at ${formatValue(last, fmt)}` : `${measure} ${verb} ${formatValue(Math.abs(change), 'fraction-percent')} over the period`;
    }
    case 'category': {
      if (data.stacked) return `${measure} by ${lower(humanizeColumn(spec.x ?? ''))} and ${lower(humanizeColumn(spec.series ?? ''))}`;
      const values = data.series[0]?.data ?? [];
      let best = 0;
      values.forEach((v, i) => { if ((v ?? -Infinity) > (values[best] ?? -Infinity)) best = i; });
      return `${data.categories[best]} leads ${lower(measure)} with ${formatValue(values[best], fmt)}`;
    }
    case 'pie': {
      const total = data.values.reduce((a, b) => a + b, 0);
      if (!total) return `Share of ${lower(measure)}`;
      return `${data.labels[0]} makes up ${formatValue(data.values[0] / total, 'fraction-percent')} of ${lower(measure)}`;
    }
    case 'xy':
      return `${humanizeColumn(spec.y[0])} against ${lower(humanizeColumn(spec.x ?? ''))}`;
    case 'histogram': {
      const top = [...data.bins].sort((a, b) => b.count - a.count)[0];
      return top ? `Most ${lower(measure)} values fall between ${formatValue(top.from, fmt)} and ${formatValue(top.to, fmt)}` : `Distribution of ${lower(measure)}`;
    }
    case 'box': {
      const values = numbersOf(result, result.columns.findIndex((c) => c.name === spec.y[0]));
      return `${measure}: median ${formatValue(data.stats.median, fmt)} across ${formatValue(values.length, 'integer')} values`;
    }
    default:
      return measure;
  }
}
