/** The filters of SQL the offline engine did not plan (a language model's, a verified answer's),
 *  in the same plain words as the engine's own ("region = North America"), read from its WHERE and HAVING. */
import type { Dialect } from '../../../shared/types/schema';
import { statementConditions, type ConditionOperand, type SqlCondition } from '../sql/conditions';

/** "region_name" → "region", "order_date" → "order date"; a bare "name" stays. */
function columnWords(column: string): string {
  const spaced = column.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\s]+/g, ' ').trim().toLowerCase();
  const trimmed = spaced.replace(/ (name|label|title)$/, '');
  return trimmed || spaced;
}

function operandWords(o: ConditionOperand): string {
  const column = columnWords(o.column);
  return o.part ? `${o.part} ${o.part === 'number of' ? '' : 'of '}${column}` : column;
}

function orList(values: string[], joiner: 'or' | 'and'): string {
  return values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} ${joiner} ${values[values.length - 1]}`;
}

/** "%north%" → contains “north”, "north%" → starts with “north”. */
function likeWords(pattern: string, negated: boolean): string {
  const inner = pattern.replace(/^%|%$/g, '');
  if (/[%_]/.test(inner)) return `${negated ? 'does not match' : 'matches'} “${pattern}”`;
  const verb = pattern.startsWith('%') && pattern.endsWith('%') && pattern.length > 1 ? 'contain' : pattern.endsWith('%') ? 'start with' : pattern.startsWith('%') ? 'end with' : 'is';
  if (verb === 'is') return `${negated ? '≠' : '='} ${inner}`;
  return `${negated ? `does not ${verb}` : `${verb}s`} “${inner}”`;
}

const DATE_PARTS = new Set(['year', 'month', 'quarter', 'week', 'day', 'weekday', 'hour', 'date']);

/** Amounts grouped by thousands ("1,000"); a year or another date part as written ("2025"). */
function valueWords(value: string, operand: ConditionOperand): string {
  if (!/^-?\d+(\.\d+)?$/.test(value) || (operand.part && DATE_PARTS.has(operand.part)) || /year/i.test(operand.column)) return value;
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function conditionWords(c: SqlCondition): string {
  if (c.kind === 'other') return c.columns.length ? `a condition on ${orList(c.columns.map(columnWords), 'and')}` : 'a condition';
  const name = operandWords(c.operand);
  switch (c.kind) {
    case 'compare': return `${name} ${c.op} ${valueWords(c.value, c.operand)}`;
    case 'in': {
      const values = c.values.map((v) => valueWords(v, c.operand));
      return `${name} ${c.negated ? 'is none of' : 'is'} ${c.negated ? values.join(', ') : orList(values, 'or')}`;
    }
    case 'between': return `${name} ${c.negated ? 'outside' : 'from'} ${valueWords(c.from, c.operand)} ${c.negated ? '–' : 'to'} ${valueWords(c.to, c.operand)}`;
    case 'like': return `${name} ${likeWords(c.pattern, c.negated)}`;
    case 'null': return c.negated ? `${name} is filled in` : `${name} is empty`;
    case 'flag': return !c.negated ? name : /^(is|has|was) /.test(name) ? name.replace(/^(is|has|was) /, '$1 not ') : `not ${name}`;
  }
}

/** Each filter of the statement in words, row filters first, then group filters; none when it cannot be read. */
export function sqlFilterWords(sql: string, dialect: Dialect): string[] {
  const { rows, groups } = statementConditions(sql, dialect);
  return [...new Set([...rows, ...groups].map(conditionWords))];
}
