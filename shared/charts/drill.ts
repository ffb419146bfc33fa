import { humanizeColumn } from './format';
import type { ChartSpec } from './spec';

/** The follow-up question that drills into one category of a chart: its trend over time
 *  ("Orders for channel Online by month"). */
export function drillQuestion(spec: ChartSpec, category: string): string {
  const measure = spec.yLabel ?? humanizeColumn(spec.y[0] ?? 'value');
  const dimension = (spec.xLabel ?? humanizeColumn(spec.x ?? '')).toLowerCase();
  return `${measure} for ${dimension ? `${dimension} ` : ''}${category} by month`;
}
