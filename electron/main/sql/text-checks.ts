import type { Dialect } from '../../../shared/types/schema';
import { DIALECT_FACTS } from './dialects';
import { SqlGuardError } from './errors';
import { lexSql, withoutComments, type Segment } from './lexer';
import { aliasForParser } from './parser-aliases';

export const MAX_SQL_LENGTH = 100_000;

export interface PreparedSql {
  /** Normalised text without comments or trailing semicolons: what the parser sees. */
  text: string;
  /** Lower-cased words found outside literals and comments, in order. */
  codeWords: string[];
}

const WRITE_KEYWORDS = new Set([
  'insert', 'update', 'delete', 'merge', 'upsert', 'replace', 'drop', 'alter', 'create', 'truncate', 'rename',
  'grant', 'revoke', 'copy', 'attach', 'detach', 'install', 'load', 'vacuum', 'reindex', 'cluster', 'analyze',
  'checkpoint', 'export', 'import', 'lock', 'unlock', 'handler', 'outfile', 'dumpfile', 'into', 'comment', 'refresh',
  'discard', 'notify', 'listen', 'prepare', 'execute', 'exec', 'deallocate', 'call', 'do', 'set', 'reset', 'begin',
  'commit', 'rollback', 'savepoint', 'release', 'start', 'pragma', 'use', 'flush', 'kill', 'shutdown', 'purge',
]);

/** Words that, inside a statement the parser could not read, show it tries to write. */
const WRITE_MARKERS = new Set([
  'insert', 'update', 'delete', 'merge', 'drop', 'alter', 'create', 'truncate', 'grant', 'revoke', 'copy', 'attach',
  'detach', 'install', 'pragma', 'vacuum', 'outfile', 'dumpfile', 'into', 'lock',
]);

/**
 * Raw-text checks that must happen before parsing: invisible or look-alike characters,
 * comments (which may hide statements), several statements, and the statement kind.
 */
export function prepareSqlText(sql: unknown, dialect: Dialect): PreparedSql {
  if (typeof sql !== 'string' || sql.trim() === '') {
    throw new SqlGuardError('SQL_EMPTY', 'The SQL is empty. Write one SELECT statement.');
  }
  if (sql.length > MAX_SQL_LENGTH) {
    throw new SqlGuardError('SQL_TOO_LONG', `The SQL is longer than ${MAX_SQL_LENGTH} characters. Shorten the statement.`);
  }
  if (sql.includes('\0')) {
    throw new SqlGuardError('SQL_INVALID_CHARACTERS', 'The SQL contains a NUL byte. Remove it and try again.');
  }
  const fold = DIALECT_FACTS[dialect].foldUnquotedIdentifiers;
  const segments = lexSql(sql, dialect).map((segment, i, all) => normaliseSegment(segment, fold, all[i + 1]));
  const text = stripTrailingSemicolons(withoutComments(aliasForParser(segments, dialect)));
  rejectStackedStatements(segments);
  const codeWords = segments
    .filter((s) => s.kind === 'code')
    .flatMap((s) => s.text.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? []);
  rejectNonSelectStart(codeWords);
  return { text: text.trim(), codeWords };
}

export function isWriteKeyword(word: string): boolean {
  return WRITE_MARKERS.has(word.toLowerCase());
}

/** Explains a parse failure: a write keyword beats a generic syntax message. `offset` is where
 *  the parser stopped in `prepared.text`, if known. */
export function parseFailureError(prepared: PreparedSql, offset: number | null): SqlGuardError {
  const lockingRead = /\bfor\s+(no\s+key\s+)?(update|share|key\s+share)\b/.test(prepared.codeWords.join(' '));
  const write = prepared.codeWords.find((w) => WRITE_MARKERS.has(w));
  if (lockingRead || write) {
    const what = lockingRead ? 'FOR UPDATE/SHARE' : write!.toUpperCase();
    return new SqlGuardError('SQL_WRITE', `Only read-only SELECT statements are allowed; this one contains ${what}. Remove it and query with a plain SELECT.`);
  }
  const where = offset === null ? '' : offset >= prepared.text.length ? ' at the end' : ` near "${prepared.text.slice(Math.max(0, offset - 20), offset + 20).trim()}"`;
  return new SqlGuardError('SQL_PARSE_ERROR', `The SQL could not be parsed${where}. Check the syntax: one SELECT or WITH … SELECT in common SQL is accepted (some dialect-specific syntax is not supported).`);
}

function normaliseSegment(segment: Segment, foldToLowerCase: boolean, next: Segment | undefined): Segment {
  if (segment.kind === 'code') {
    const code = normaliseCode(segment.text);
    if (!foldToLowerCase) return { kind: 'code', text: code };
    // The parser only knows PostgreSQL's escape-string prefix in upper case: E'…'.
    const escapePrefix = next?.kind === 'string' && /(^|[^a-z0-9_$])e$/i.test(code);
    const folded = code.toLowerCase();
    return { kind: 'code', text: escapePrefix ? `${folded.slice(0, -1)}E` : folded };
  }
  if (segment.kind === 'identifier') checkQuotedIdentifier(segment.text);
  return segment;
}

/** NFKC-folds look-alike letters/digits/spaces (fullwidth, ligatures) to ASCII; anything else
 *  non-ASCII outside literals (zero-width, bidi, homoglyph punctuation) is refused. */
function normaliseCode(code: string): string {
  let out = '';
  for (const ch of code) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if (cp < 0x20 && !'\t\n\r\f'.includes(ch)) throw invalidCharacter(cp);
      out += ch;
      continue;
    }
    const folded = ch.normalize('NFKC');
    if (!/^[A-Za-z0-9_ ]+$/.test(folded)) throw invalidCharacter(cp);
    out += folded;
  }
  return out;
}

function checkQuotedIdentifier(text: string): void {
  const inner = text.slice(1, -1);
  // The parser mishandles doubled quotes inside names and re-renders names verbatim, so a
  // quote character inside a name could change where the server sees the name end.
  if (/["'`[\]\\]/.test(inner)) {
    throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', `Quoted names containing quotes, brackets or backslashes (${text.slice(0, 40)}) are not accepted. Use plain names.`);
  }
  for (const ch of inner) {
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch)) throw invalidCharacter(ch.codePointAt(0)!);
  }
}

function invalidCharacter(codePoint: number): SqlGuardError {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  return new SqlGuardError('SQL_INVALID_CHARACTERS', `The SQL contains the invisible or look-alike character U+${hex} outside a string literal. Retype the statement in plain ASCII (quote non-ASCII names).`);
}

function stripTrailingSemicolons(text: string): string {
  return text.replace(/[\s;]+$/, '');
}

function rejectStackedStatements(segments: readonly Segment[]): void {
  const codeAndLiterals = segments.filter((s) => s.kind !== 'comment');
  for (let s = 0; s < codeAndLiterals.length; s += 1) {
    const segment = codeAndLiterals[s];
    if (segment.kind !== 'code') continue;
    const at = segment.text.indexOf(';');
    if (at < 0) continue;
    const rest = segment.text.slice(at) + codeAndLiterals.slice(s + 1).map((x) => x.text).join('');
    if (/[^\s;]/.test(rest)) {
      throw new SqlGuardError('SQL_MULTIPLE_STATEMENTS', 'Only one statement can run at a time; this SQL has several separated by ";". Send a single SELECT.');
    }
  }
}

function rejectNonSelectStart(words: readonly string[]): void {
  const first = words[0];
  if (first === 'select' || first === 'with') return;
  if (first && WRITE_KEYWORDS.has(first)) {
    throw new SqlGuardError('SQL_WRITE', `${first.toUpperCase()} statements change data or settings and are not allowed. Only SELECT or WITH … SELECT queries can run.`);
  }
  throw new SqlGuardError('SQL_NOT_SELECT', `Only SELECT or WITH … SELECT queries can run${first ? `; this statement starts with ${first.toUpperCase()}` : ''}. Rewrite it as a SELECT.`);
}
