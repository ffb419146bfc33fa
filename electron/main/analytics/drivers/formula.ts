// A tiny arithmetic language for metric formulas ("orders * aov", "(revenue - cost) / revenue"):
// numbers, part names, + − * / and parentheses; no evaluation of arbitrary code.
import { AnalyticsInputError } from '../stats/types';

export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'part'; name: string }
  | { kind: 'negate'; operand: Formula }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula };

export function parseFormula(text: string): Formula {
  const tokens = text.match(/\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const fail = (what: string): never => {
    throw new AnalyticsInputError(`Formula "${text}": ${what}. Use part names, numbers, + - * / and parentheses.`);
  };
  const primary = (): Formula => {
    const token = tokens[at++];
    if (token === undefined) return fail('it ends too early');
    if (token === '(') {
      const inner = sum();
      if (tokens[at++] !== ')') fail('a parenthesis is not closed');
      return inner;
    }
    if (token === '-') return { kind: 'negate', operand: primary() };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[A-Za-z_]/.test(token)) return { kind: 'part', name: token };
    return fail(`"${token}" is not allowed`);
  };
  const product = (): Formula => {
    let left = primary();
    while (peek() === '*' || peek() === '/') left = { kind: 'binary', op: tokens[at++] as '*' | '/', left, right: primary() };
    return left;
  };
  const sum = (): Formula => {
    let left = product();
    while (peek() === '+' || peek() === '-') left = { kind: 'binary', op: tokens[at++] as '+' | '-', left, right: product() };
    return left;
  };
  const formula = sum();
  if (at < tokens.length) fail(`unexpected "${tokens[at]}"`);
  return formula;
}

export function partsOf(formula: Formula): string[] {
  switch (formula.kind) {
    case 'number':
      return [];
    case 'part':
      return [formula.name];
    case 'negate':
      return partsOf(formula.operand);
    case 'binary':
      return [...new Set([...partsOf(formula.left), ...partsOf(formula.right)])];
  }
}

export function evaluate(formula: Formula, values: Readonly<Record<string, number>>): number {
  switch (formula.kind) {
    case 'number':
      return formula.value;
    case 'part': {
      const v = values[formula.name];
      if (v === undefined) throw new AnalyticsInputError(`No value for "${formula.name}".`);
      return v;
    }
    case 'negate':
      return -evaluate(formula.operand, values);
    case 'binary': {
      const [l, r] = [evaluate(formula.left, values), evaluate(formula.right, values)];
      return formula.op === '+' ? l + r : formula.op === '-' ? l - r : formula.op === '*' ? l * r : l / r;
    }
  }
}
