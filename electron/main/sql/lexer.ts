import type { Dialect } from '../../../shared/types/schema';
import { DIALECT_FACTS, type DialectFacts } from './dialects';
import { SqlGuardError } from './errors';

export type SegmentKind = 'code' | 'string' | 'identifier' | 'comment';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

/**
 * Splits SQL text into code, string literals, quoted identifiers and comments following the
 * *database's* lexical rules (not the parser's), so the guard can tell exactly where the
 * server will see literals end. Ambiguous constructs are refused rather than guessed.
 */
export function lexSql(sql: string, dialect: Dialect): Segment[] {
  const facts = DIALECT_FACTS[dialect];
  const segments: Segment[] = [];
  let code = '';
  let i = 0;
  const flushCode = () => {
    if (code) segments.push({ kind: 'code', text: code });
    code = '';
  };
  const push = (kind: SegmentKind, end: number) => {
    flushCode();
    segments.push({ kind, text: sql.slice(i, end) });
    i = end;
  };

  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1] ?? '';
    if (ch === "'") {
      const escapes = facts.backslashEscapesInStrings || isEscapeStringPrefix(sql, i, facts);
      push('string', quotedEnd(sql, i, "'", escapes));
    } else if (ch === '"') {
      push(facts.doubleQuoteIsString ? 'string' : 'identifier', quotedEnd(sql, i, '"', facts.doubleQuoteIsString && facts.backslashEscapesInStrings));
    } else if (ch === '`' && facts.backtickIdentifiers) {
      push('identifier', quotedEnd(sql, i, '`', false));
    } else if (ch === '[' && facts.bracketIdentifiers) {
      const end = sql.indexOf(']', i + 1);
      if (end < 0) throw unterminated('bracketed identifier');
      push('identifier', end + 1);
    } else if (ch === '-' && next === '-' && (!facts.dashCommentNeedsSpace || isSpaceOrEnd(sql[i + 2]))) {
      push('comment', lineEnd(sql, i));
    } else if (ch === '#' && facts.hashLineComments) {
      push('comment', lineEnd(sql, i));
    } else if (ch === '/' && next === '*') {
      rejectExecutableComment(sql, i, dialect);
      push('comment', blockCommentEnd(sql, i, facts.nestedBlockComments));
    } else if (ch === '$' && facts.dollarQuotes && isDollarQuoteStart(sql, i)) {
      throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', 'Dollar-quoted strings ($$...$$) are not accepted. Write string values in single quotes instead.');
    } else {
      code += ch;
      i += 1;
    }
  }
  flushCode();
  return segments;
}

/** Joins segments back into text, replacing each comment by one space. */
export function withoutComments(segments: readonly Segment[]): string {
  return segments.map((s) => (s.kind === 'comment' ? ' ' : s.text)).join('');
}

function isSpaceOrEnd(after: string | undefined): boolean {
  return after === undefined || after.charCodeAt(0) <= 0x20;
}

function isEscapeStringPrefix(sql: string, quoteAt: number, facts: DialectFacts): boolean {
  if (!facts.dollarQuotes) return false; // only PostgreSQL/DuckDB have E'...' strings
  const prefix = sql[quoteAt - 1];
  return (prefix === 'E' || prefix === 'e') && !/[A-Za-z0-9_$]/.test(sql[quoteAt - 2] ?? '');
}

/** End index (exclusive) of a quoted token starting at `start`; doubled quotes stay inside. */
function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === '\\' && sql[i + 1] === quote) {
      // A backslash before a quote means different things under different server settings
      // (standard_conforming_strings, NO_BACKSLASH_ESCAPES): refuse instead of guessing.
      throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', `A backslash directly before a quote (\\${quote}) is ambiguous. Escape a quote by doubling it (${quote}${quote}).`);
    }
    if (ch === '\\' && backslashEscapes) {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  throw unterminated(quote === "'" ? 'string literal' : 'quoted name');
}

function lineEnd(sql: string, start: number): number {
  const match = /[\r\n]/.exec(sql.slice(start));
  return match ? start + match.index : sql.length;
}

function blockCommentEnd(sql: string, start: number, nested: boolean): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i) && (nested || depth === 0)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  throw unterminated('comment');
}

function rejectExecutableComment(sql: string, start: number, dialect: Dialect): void {
  const marker = sql.slice(start + 2, start + 4);
  if (dialect === 'mysql' && (marker.startsWith('!') || marker === 'M!' || marker.startsWith('+'))) {
    throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', 'MySQL executable comments and optimizer hints (/*! ... */, /*M! ... */, /*+ ... */) run hidden SQL and are not accepted. Remove the comment.');
  }
}

function isDollarQuoteStart(sql: string, start: number): boolean {
  if (/[A-Za-z0-9_]/.test(sql[start - 1] ?? '')) return false;
  return /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(start));
}

function unterminated(what: string): SqlGuardError {
  return new SqlGuardError('SQL_PARSE_ERROR', `The SQL has an unterminated ${what}. Close it and try again.`);
}
