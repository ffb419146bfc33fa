import type { Dialect } from '../../../shared/types/schema';
import { collapseSubqueryWrappers, isNode, isSelect, type AstNode } from './ast';
import { DIALECT_FACTS } from './dialects';
import { SqlGuardError } from './errors';
import { lexSql, withoutComments } from './lexer';
import { aliasForParser, restoreAliases } from './parser-aliases';
import { TextLru } from './parser-cache';
import { astifyStep, reparseStep, runBlocking, sqlifyStep, templateParse, type ParserSteps } from './parser-steps';
import { isWriteKeyword, parseFailureError, type PreparedSql } from './text-checks';

/** Parses prepared text into exactly one SELECT AST (or throws a SqlGuardError), in the
 *  time-boxed parser worker (the only place the parser runs), blocking. */
export function parseSingleSelect(prepared: PreparedSql, dialect: Dialect): AstNode {
  return runBlocking(parseSelectSteps(prepared, dialect));
}

export function* parseSelectSteps(prepared: PreparedSql, dialect: Dialect): ParserSteps<AstNode> {
  const parsed = yield* astifyStep(prepared.text, DIALECT_FACTS[dialect].parserDatabase);
  if (parsed.status === 'too-complex') throw tooComplex();
  if (parsed.status === 'syntax-error') throw parseFailureError(prepared, parsed.offset);
  const { ast } = parsed;
  const statements = Array.isArray(ast) ? ast : [ast];
  if (statements.length !== 1) {
    throw new SqlGuardError('SQL_MULTIPLE_STATEMENTS', 'Only one statement can run at a time. Send a single SELECT.');
  }
  const [statement] = statements;
  if (!isSelect(statement)) {
    const kind = isNode(statement) && typeof statement.type === 'string' ? statement.type : 'this statement';
    throw new SqlGuardError(isWriteKeyword(kind) ? 'SQL_WRITE' : 'SQL_NOT_SELECT', `Only SELECT or WITH … SELECT queries can run, not ${kind.toUpperCase()}. Rewrite it as a SELECT.`);
  }
  restoreAliases(statement, dialect);
  collapseSubqueryWrappers(statement);
  return statement;
}

/** Parses a trusted SQL template (no user input) into a SELECT AST for building rewrites. */
export function parseTemplate(sql: string, dialect: Dialect): AstNode {
  const parsed = templateParse(sql, DIALECT_FACTS[dialect].parserDatabase);
  const ast = parsed.status === 'parsed' ? parsed.ast : null;
  if (!ast || Array.isArray(ast) || !isSelect(ast)) throw new Error(`Guard template is not one SELECT: ${sql}`);
  collapseSubqueryWrappers(ast);
  return ast;
}

/** Rendered SQL that passed the check below (a pure function of the text and dialect), so a
 *  statement rendered again is not re-parsed. */
const checkedRenders = new TextLru(4 * 1024 * 1024);

/**
 * Renders the (checked, rewritten) AST back to SQL for the dialect, then re-checks the text
 * with the database's own lexical rules: one statement, no comments, and a parse that
 * renders identically — so the server runs exactly what was checked.
 */
export function renderSelect(ast: AstNode, dialect: Dialect): string {
  return runBlocking(renderSelectSteps(ast, dialect));
}

export function* renderSelectSteps(ast: AstNode, dialect: Dialect): ParserSteps<string> {
  const database = DIALECT_FACTS[dialect].parserDatabase;
  const sql = yield* render(ast, database);
  const checkedKey = `${dialect}\u0000${sql}`;
  if (checkedRenders.get(checkedKey) !== undefined) return sql;
  const segments = lexSql(sql, dialect);
  const code = segments.filter((s) => s.kind === 'code').map((s) => s.text).join(' ');
  if (segments.some((s) => s.kind === 'comment') || code.includes(';')) throw renderFailed('rendered SQL has a comment or a statement separator');
  const text = withoutComments(aliasForParser(segments, dialect));
  // Checked twice before refusing: a mismatch was seen rarely on a loaded machine and never
  // reproduced; a text only passes when its parse renders identically.
  let reparsed = yield* reparseRendered(text, dialect);
  if (reparsed !== sql) reparsed = yield* reparseRendered(text, dialect);
  if (reparsed === null) throw renderFailed('rendered SQL does not parse');
  if (reparsed !== sql) throw renderFailed(`rendered SQL does not round-trip at "${firstDifference(sql, reparsed)}"`);
  checkedRenders.set(checkedKey, '');
  return sql;
}

/** The render of the text's parse (aliases restored). The worker renders its parse in the same
 *  trip; that render stands when restoring the aliases changed nothing in the tree. */
function* reparseRendered(text: string, dialect: Dialect): ParserSteps<string | null> {
  const database = DIALECT_FACTS[dialect].parserDatabase;
  const parsed = yield* reparseStep(text, database);
  if (parsed.status !== 'parsed') return null;
  const before = parsed.rendered.status === 'rendered' ? JSON.stringify(parsed.ast) : null;
  restoreAliases(parsed.ast, dialect);
  if (parsed.rendered.status === 'rendered' && JSON.stringify(parsed.ast) === before) return parsed.rendered.sql.trim();
  return yield* render(parsed.ast, database);
}

function* render(ast: unknown, database: string): ParserSteps<string> {
  const rendered = yield* sqlifyStep(ast, database);
  if (rendered.status === 'rendered') return rendered.sql.trim();
  throw renderFailed(rendered.status === 'render-error' ? rendered.message : 'the statement is too complex to render in time');
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return `${a.slice(Math.max(0, i - 30), i + 30)}" vs "${b.slice(Math.max(0, i - 30), i + 30)}`;
}

function tooComplex(): SqlGuardError {
  return new SqlGuardError('SQL_TOO_COMPLEX', 'The SQL is too deeply nested to check in time (often a syntax error inside many parentheses). Simplify it, e.g. move nested subqueries into WITH clauses.');
}

function renderFailed(detail: string): SqlGuardError {
  return new SqlGuardError('SQL_RENDER_FAILED', `The query could not be rewritten safely (${detail.slice(0, 160)}). Simplify the query, e.g. avoid unusual syntax.`);
}
