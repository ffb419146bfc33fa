import type { Dialect } from '../../../shared/types/schema';
import { functionNameParts, isNode, type AstNode } from './ast';
import { SqlGuardError } from './errors';
import { codeText } from './code-text';
import type { Segment } from './lexer';

/**
 * Window frames (`ROWS|RANGE|GROUPS BETWEEN … PRECEDING AND CURRENT ROW [EXCLUDE …]`): the
 * parser's grammars read none (SQLite), some (`ROWS BETWEEN` on PostgreSQL/MySQL) or read the
 * short form into a shape the checks cannot examine. Before parsing, every frame is written as a
 * marker call appended to the window's ORDER BY — `aiser_frame_rows_p_cr(2)` — whose name holds
 * the keywords and whose arguments are the offsets, parsed as ordinary literals. After parsing
 * the marker leaves the ORDER BY and becomes the window's frame again, rebuilt from checked
 * parts only (keywords from a fixed list, offsets that are plain numbers or interval literals),
 * so nothing but a frame can ride on the marker.
 */
const MARK = 'aiser_frame_';
/** Marks a literal segment (NUL never survives `prepareSqlText`) while frames are searched. */

const OFFSET = String.raw`(?:\d+(?:\.\d+)?|interval\s*(?:\u0000\d+\u0000|\d+)(?:\s+[a-z_]+)?)`;
const BOUND = String.raw`(?:unbounded\s+(?:preceding|following)|current\s+row|${OFFSET}\s+(?:preceding|following))`;
const EXCLUDE = String.raw`(?:current\s+row|group|ties|no\s+others)`;
const FRAME = new RegExp(String.raw`(^|[^a-z0-9_$.])(rows|range|groups)\s+(?:between\s+(${BOUND})\s+and\s+(${BOUND})|(${BOUND}))(?:\s+exclude\s+(${EXCLUDE}))?(?=\s*\))`, 'gi');

const BOUND_CODES: Readonly<Record<string, string>> = {
  'unbounded preceding': 'up', 'unbounded following': 'uf', 'current row': 'cr', preceding: 'p', following: 'f',
};
const BOUND_TEXT: Readonly<Record<string, string>> = {
  up: 'UNBOUNDED PRECEDING', uf: 'UNBOUNDED FOLLOWING', cr: 'CURRENT ROW', p: 'PRECEDING', f: 'FOLLOWING',
};
const EXCLUDE_CODES: Readonly<Record<string, string>> = { 'current row': 'xcr', group: 'xg', ties: 'xt', 'no others': 'xno' };
const EXCLUDE_TEXT: Readonly<Record<string, string>> = { xcr: 'CURRENT ROW', xg: 'GROUP', xt: 'TIES', xno: 'NO OTHERS' };
const MARKER_NAME = /^aiser_frame_(rows|range|groups)_(up|uf|cr|p|f)(?:_(up|uf|cr|p|f))?(?:_(xcr|xg|xt|xno))?$/;

/** What each server runs (MariaDB: ROWS and RANGE only, no EXCLUDE). */
const FRAME_SUPPORT: Readonly<Record<Dialect, { units: ReadonlySet<string>; exclude: boolean; intervals: boolean; name: string }>> = {
  postgres: { units: new Set(['rows', 'range', 'groups']), exclude: true, intervals: true, name: 'PostgreSQL' },
  duckdb: { units: new Set(['rows', 'range', 'groups']), exclude: true, intervals: true, name: 'DuckDB' },
  sqlite: { units: new Set(['rows', 'range', 'groups']), exclude: true, intervals: false, name: 'SQLite' },
  // MySQL takes INTERVAL offsets in RANGE frames, MariaDB answers with a syntax error: passed on as written.
  mysql: { units: new Set(['rows', 'range']), exclude: false, intervals: true, name: 'MariaDB/MySQL' },
};

const words = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');

/** Segments with every window frame written as a marker the dialect's grammar reads. */
export function markWindowFrames(segments: readonly Segment[], _dialect: Dialect): Segment[] {
  const { text: joined, restore } = codeText(segments);
  if (!/\b(rows|range|groups)\b/i.test(joined)) return [...segments];
  const marked = joined.replace(FRAME, (match: string, lead: string, unit: string, from?: string, to?: string, single?: string, exclude?: string, offset?: number) => {
    const bounds = (single ? [single] : [from!, to!]).map(splitBound);
    const name = [MARK + unit.toLowerCase(), ...bounds.map((b) => b.code), ...(exclude ? [EXCLUDE_CODES[words(exclude)]] : [])].join('_');
    const args = bounds.flatMap((b) => (b.offset === null ? [] : [b.offset])).join(', ');
    const start = (offset ?? 0) + lead.length;
    return `${lead}${hasOrderBy(joined, start) ? ',' : ' ORDER BY'} ${name}(${args})`;
  });
  if (marked === joined) return [...segments];
  return restore(marked);
}

function splitBound(text: string): { code: string; offset: string | null } {
  const fixed = BOUND_CODES[words(text)];
  if (fixed) return { code: fixed, offset: null };
  const m = /^([\s\S]*?)\s+(preceding|following)$/i.exec(text.trim())!;
  return { code: BOUND_CODES[m[2].toLowerCase()]!, offset: m[1] };
}

/** Whether the window specification the frame at `index` ends already has an ORDER BY. */
function hasOrderBy(text: string, index: number): boolean {
  let depth = 0;
  let spec = '';
  for (let i = index - 1; i >= 0; i -= 1) {
    const ch = text[i];
    if (ch === ')') depth += 1;
    else if (ch === '(') {
      if (depth === 0) break;
      depth -= 1;
    } else if (depth === 0) spec = ch + spec;
  }
  return /\border\s+by\b/i.test(spec);
}

/** Turns the frame markers back into window frames, in place; refuses a marker found elsewhere. */
export function restoreWindowFrames(root: unknown, dialect: Dialect): void {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isNode(value)) return;
    if (isNode(value.over) && !value.over.type && takeMarker(value.over)) {
      // SQLite's grammar keeps `{partitionby, orderby}`; a frame needs the full window shape.
      const { partitionby, orderby, frame } = value.over as AstNode & { frame: AstNode };
      value.over = { type: 'window', as_window_specification: { window_specification: { name: null, partitionby, orderby, window_frame_clause: frame }, parentheses: true } };
    }
    if (isNode(value.window_specification) && takeMarker(value.window_specification)) {
      const spec = value.window_specification;
      spec.window_frame_clause = spec.frame;
      delete spec.frame;
    }
    if (value.type === 'function' && markerName(value) !== null) throw misplaced();
    for (const child of Object.values(value)) visit(child);
  };
  const takeMarker = (spec: AstNode): boolean => {
    const orderby = Array.isArray(spec.orderby) ? spec.orderby : [];
    const last = orderby.at(-1);
    const marker = isNode(last) && isNode(last.expr) && last.expr.type === 'function' ? last.expr : null;
    const name = marker ? markerName(marker) : null;
    if (!marker || name === null) return false;
    if (spec.window_frame_clause) throw misplaced();
    spec.frame = { type: 'origin', value: frameText(name, marker, dialect) };
    orderby.pop();
    spec.orderby = orderby.length ? orderby : null;
    return true;
  };
  visit(root);
}

function markerName(node: AstNode): string | null {
  const parts = functionNameParts(node);
  const name = parts.length === 1 ? parts[0].toLowerCase() : '';
  return name.startsWith(MARK) ? name : null;
}

function frameText(name: string, marker: AstNode, dialect: Dialect): string {
  const m = MARKER_NAME.exec(name);
  if (!m) throw misplaced();
  const [, unit, first, second, exclude] = m;
  const support = FRAME_SUPPORT[dialect];
  if (!support.units.has(unit)) throw unsupportedFrame(`${unit.toUpperCase()} frames`, support.name, 'Use ROWS or RANGE instead.');
  if (exclude && !support.exclude) throw unsupportedFrame('EXCLUDE in a window frame', support.name, 'Remove the EXCLUDE clause.');
  const args = isNode(marker.args) && Array.isArray(marker.args.value) ? [...marker.args.value] : [];
  const bound = (code: string): string => {
    if (code !== 'p' && code !== 'f') return BOUND_TEXT[code];
    return `${offsetText(args.shift(), unit, support)} ${BOUND_TEXT[code]}`;
  };
  const bounds = second ? `BETWEEN ${bound(first)} AND ${bound(second)}` : bound(first);
  if (args.length) throw misplaced();
  return `${unit.toUpperCase()} ${bounds}${exclude ? ` EXCLUDE ${EXCLUDE_TEXT[exclude]}` : ''}`;
}

/** A frame offset as text: a non-negative number, or (RANGE over dates) an interval literal. */
function offsetText(arg: unknown, unit: string, support: (typeof FRAME_SUPPORT)[Dialect]): string {
  if (isNode(arg) && arg.type === 'number' && /^\d+(\.\d+)?$/.test(String(arg.value))) return String(arg.value);
  if (isNode(arg) && arg.type === 'interval' && isNode(arg.expr)) {
    if (!support.intervals || unit !== 'range') throw unsupportedFrame('An INTERVAL frame offset', `${support.name} ${unit.toUpperCase()} frames`, 'Use a whole number of rows, or RANGE with a number.');
    const value = String(arg.expr.value);
    const unitName = typeof arg.unit === 'string' ? arg.unit : '';
    const literal = arg.expr.type === 'number' && /^\d+$/.test(value) ? value : arg.expr.type === 'single_quote_string' && /^[0-9a-z .:+-]{1,40}$/i.test(value) ? `'${value}'` : null;
    if (literal !== null && /^[a-z_]*$/i.test(unitName)) return `INTERVAL ${literal}${unitName ? ` ${unitName}` : ''}`;
  }
  throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', 'A window frame offset must be a plain number (ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) or an interval literal (RANGE BETWEEN INTERVAL \'7 days\' PRECEDING AND CURRENT ROW). Replace the expression with a literal value.');
}

function unsupportedFrame(what: string, where: string, next: string): SqlGuardError {
  return new SqlGuardError('SQL_FORBIDDEN_SYNTAX', `${what} ${what.endsWith('s') ? 'are' : 'is'} not available in ${where}. ${next}`);
}

function misplaced(): SqlGuardError {
  return new SqlGuardError('SQL_FORBIDDEN_SYNTAX', `Names starting with ${MARK} are reserved for window frames. Write the frame as ROWS|RANGE|GROUPS BETWEEN … AND … inside OVER (…), and rename the function or column.`);
}
