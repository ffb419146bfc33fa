/** Plain-English account of a plan, adapted to the reader's expertise. */
import type { Expertise } from '../../../shared/types/semantic';
import type { Dimension, Filter, Measure, QueryPlan } from './plan';

function measureText(m: Measure): string {
  if (m.kind === 'metric') return m.metric.name;
  if (m.kind === 'daysBetween') return m.label;
  if (m.fn === 'COUNT') return `number of ${m.label}`;
  if (m.fn === 'COUNT_DISTINCT') return `number of distinct ${m.label}`;
  return m.reading ? `${m.label} (${m.reading})` : m.label;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function filterText(f: Filter): string {
  const col = f.column.replace(/_/g, ' ');
  if (f.kind === 'compare') return `${col} ${f.op} ${f.value.toLocaleString('en-US')}`;
  if (f.kind === 'null') return f.negated ? `with a ${col}` : `without a ${col}`;
  if (f.kind === 'absent') return `without any ${f.child.replace(/_/g, ' ')}`;
  if (f.kind === 'weekday') return `on ${f.days.map((d) => WEEKDAYS[d]).join(' or ')} (${col})`;
  if (f.kind === 'days') return `${f.from.replace(/_/g, ' ')} to ${col} ${f.op} ${f.value} days`;
  return `${f.negated ? 'excluding' : 'only'} ${f.values.join(' and ')} (${col})`;
}

function dimText(d: Dimension): string {
  return d.kind === 'time' ? d.unit : d.label;
}

function shapeText(plan: QueryPlan, what: string): string {
  const s = plan.shape;
  switch (s.kind) {
    case 'growth': return `growth of ${what} from ${s.previous.label} to ${s.current.label}, as a fraction`;
    case 'periods': return `${what} for ${s.periods.map((p) => p.label).join(' and for ')}`;
    case 'shareOfTotal': return `each group's share of total ${what}, in percent`;
    case 'partShare': return `share of ${what} coming from ${filterText(s.part).replace(/^only /, '')}${s.percent ? ', in percent' : ''}`;
    case 'ratio': return `${what.replace(' and ', ' divided by ')}${s.percent ? ', in percent' : ''}`;
    case 'countHaving': return `number of ${s.table} passing the threshold on ${what}`;
    case 'list': return `the ${s.table.replace(/_/g, ' ')}`;
    default: return what;
  }
}

export function explainPlan(plan: QueryPlan, expertise: Expertise = 'manager', sql?: string): string {
  const what = plan.measures.map(measureText).join(' and ');
  const parts = [shapeText(plan, what)];
  const metric = plan.measures[0].kind === 'metric' ? plan.measures[0].metric : undefined;
  const filters = plan.filters.map(filterText);
  if (plan.period) parts.push(`for ${plan.period.label} (${plan.period.start} to before ${plan.period.end})`);
  if (metric?.snapshot) parts.push(`as of ${plan.asOf}`);
  if (plan.dims.length) parts.push(`by ${plan.dims.map(dimText).join(' and ')}`);
  if (filters.length) parts.push(filters.join(', '));
  if (plan.having) parts.push(`keeping groups where it is ${plan.having.op} ${plan.having.value.toLocaleString('en-US')}`);
  if (plan.order) parts.push(plan.order.winnerOnly ? `the ${plan.order.desc ? 'highest' : 'lowest'} one` : `${plan.order.desc ? 'top' : 'bottom'} ${plan.order.limit}`);
  const sentence = `${parts.join(', ')}.`.replace(/^./, (c) => c.toUpperCase());
  if (expertise === 'executive') return sentence;
  const lines = [sentence];
  if (metric?.description) lines.push(`${metric.name[0].toUpperCase()}${metric.name.slice(1)}: ${metric.description}`);
  else if (metric?.filter) lines.push(`${metric.name} always applies its business rule (filter).`);
  if (expertise === 'manager') return lines.join(' ');
  lines.push(`Matched: ${plan.links.map((l) => `"${l.phrase}" → ${l.meaning}`).join('; ')}.`);
  if (expertise === 'analyst') return lines.join('\n');
  if (sql) lines.push(`SQL: ${sql}`);
  return lines.join('\n');
}
