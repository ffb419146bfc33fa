import {
  astifyAsync, astifyIsolated, cachedParse, reparseAsync, reparseIsolated, sqlifyAsync, sqlifyIsolated,
  type IsolatedParse, type IsolatedRender, type IsolatedReparse,
} from './parser-sandbox';

/**
 * The guard is written once as steps that ask the parser worker (a generator yielding its
 * requests) and run two ways: `runBlocking` answers each request by waiting for the worker
 * (callers off the request path), `runNonBlocking` awaits it, so the event loop keeps serving
 * other requests while the worker parses.
 */
export type ParserRequest =
  | { op: 'astify'; sql: string; database: string }
  | { op: 'sqlify'; ast: unknown; database: string }
  | { op: 'reparse'; sql: string; database: string };
type ParserReply = IsolatedParse | IsolatedRender | IsolatedReparse;
export type ParserSteps<T> = Generator<ParserRequest, T, ParserReply>;

export function* astifyStep(sql: string, database: string): ParserSteps<IsolatedParse> {
  return (yield { op: 'astify', sql, database }) as IsolatedParse;
}

export function* sqlifyStep(ast: unknown, database: string): ParserSteps<IsolatedRender> {
  return (yield { op: 'sqlify', ast, database }) as IsolatedRender;
}

export function* reparseStep(sql: string, database: string): ParserSteps<IsolatedReparse> {
  return (yield { op: 'reparse', sql, database }) as IsolatedReparse;
}

export function runBlocking<T>(steps: ParserSteps<T>): T {
  let next = steps.next();
  while (!next.done) next = steps.next(answerBlocking(next.value));
  return next.value;
}

function answerBlocking(request: ParserRequest): ParserReply {
  if (request.op === 'astify') return astifyIsolated(request.sql, request.database);
  if (request.op === 'reparse') return reparseIsolated(request.sql, request.database);
  return sqlifyIsolated(request.ast, request.database);
}

/** Trusted templates (no user input) are parsed synchronously inside the steps; while steps run
 *  non-blocking, a template not parsed before stops them (TemplateNotParsed), is parsed without
 *  blocking and the steps start again. */
let templatesFromCacheOnly = false;
const TEMPLATE_RESTARTS = 8;

class TemplateNotParsed extends Error {
  constructor(readonly sql: string, readonly database: string) {
    super('A guard template was not parsed yet.');
  }
}

/** A template's parse, blocking unless the running steps are non-blocking (then remembered or thrown for). */
export function templateParse(sql: string, database: string): IsolatedParse {
  if (!templatesFromCacheOnly) return astifyIsolated(sql, database);
  const known = cachedParse(sql, database);
  if (!known) throw new TemplateNotParsed(sql, database);
  return known;
}

/** Runs the steps that `start` creates, awaiting the worker's replies. `start` must create the
 *  same steps every time (it is called again after a template was parsed). */
export async function runNonBlocking<T>(start: () => ParserSteps<T>): Promise<T> {
  for (let restarts = 0; ; restarts++) {
    try {
      const steps = start();
      let next = advance(steps, undefined);
      while (!next.done) next = advance(steps, await answerAsync(next.value));
      return next.value;
    } catch (error) {
      if (!(error instanceof TemplateNotParsed) || restarts >= TEMPLATE_RESTARTS) throw error;
      const parsed = await astifyAsync(error.sql, error.database);
      if (parsed.status !== 'parsed') throw new Error(`Guard template is not one SELECT: ${error.sql}`);
    }
  }
}

function advance<T>(steps: ParserSteps<T>, reply: ParserReply | undefined): IteratorResult<ParserRequest, T> {
  templatesFromCacheOnly = true;
  try {
    return reply === undefined ? steps.next() : steps.next(reply);
  } finally {
    templatesFromCacheOnly = false;
  }
}

function answerAsync(request: ParserRequest): Promise<ParserReply> {
  if (request.op === 'astify') return astifyAsync(request.sql, request.database);
  if (request.op === 'reparse') return reparseAsync(request.sql, request.database);
  return sqlifyAsync(request.ast, request.database);
}
