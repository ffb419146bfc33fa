/** Offline repair: when the database rejects the engine's SQL, the error says what to change
 *  (leave out a column it does not have, read text as numbers or dates, guard a division, qualify a
 *  name, use this dialect's function). The engine re-plans with those changes, a bounded number of
 *  times, or says honestly that it could not and what it tried. */
import { walk, type Select } from './ast';
import { classifyDbError, type DbFault } from './dbErrors';
import { CLARIFY_THRESHOLD, type Answer, type AskOptions, type Nl2SqlEngine } from './engine';
import type { SemanticModel } from './model';
import { FUNCTION_SUBSTITUTES, noFixes, rewriteSelect, type SqlFixes } from './repairRewrite';

/** Database round trips after the first one before the engine gives up. */
export const MAX_OFFLINE_REPAIRS = 3;

export interface FailedAttempt {
  sql: string;
  error: string;
}

export interface RepairStep {
  fault: DbFault['kind'];
  /** What was changed, in words ("read orders.amount as a number"). */
  fix: string;
}

export type RepairedAnswer = Answer & { repairs: RepairStep[]; /** set when the repair gave up */ nextStep?: string };

const DATE_FUNCTIONS = new Set(['date_trunc', 'to_char', 'extract', 'date_part', 'strftime', 'julianday', 'date_diff', 'datediff', 'quarter', 'dayofweek', 'date', 'timestamp', 'date_format']);
/** The multiplier on confidence when a repair left a column out: the reading itself changed. */
const EXCLUSION_PENALTY = 0.8;

const columnName = (c: { table?: string; column: string }) => (c.table ? `${c.table}.${c.column}` : c.column);

/** Adds the fix one database error asks for; returns why nothing more can be done when it cannot. */
function addFix(fixes: SqlFixes, fault: DbFault): RepairStep | { stuck: string; next: string } {
  switch (fault.kind) {
    case 'unknownColumn': {
      const name = columnName(fault);
      const next = `Refresh the source's schema (the column ${name} may have been renamed or removed) and ask again.`;
      if (fixes.excluded.some((c) => columnName(c).toLowerCase() === name.toLowerCase())) return { stuck: `the database still has no column ${name}`, next };
      fixes.excluded.push({ table: fault.table, column: fault.column });
      return { fault: fault.kind, fix: `left out ${name}, which the database does not have, and read the question again` };
    }
    case 'ambiguousColumn': {
      const name = fault.column.toLowerCase();
      if (fixes.qualify.has(name)) return { stuck: `"${fault.column}" is still ambiguous`, next: 'Write the glossary expression with table.column names.' };
      fixes.qualify.add(name);
      return { fault: fault.kind, fix: `qualified "${fault.column}" with its table` };
    }
    case 'divisionByZero':
      if (fixes.safeDivision) return { stuck: 'a division by zero remains in a glossary expression', next: 'Guard the divisor in the glossary metric with NULLIF(…, 0).' };
      fixes.safeDivision = true;
      return { fault: fault.kind, fix: 'left out groups whose divisor is zero (NULLIF)' };
    case 'typeMismatch': {
      const op = fault.operation ?? '';
      const next = 'Check the column types of the source; a column that holds numbers or dates as text can be given a proper type.';
      if (DATE_FUNCTIONS.has(op)) {
        if (fixes.timestampDates) return { stuck: 'dates still have the wrong type', next };
        fixes.timestampDates = true;
        return { fault: fault.kind, fix: `read the date columns as timestamps (${op} refused ${fault.given ?? 'them'})` };
      }
      if (/^[<>=!]+$/.test(op)) {
        if (fixes.numericComparisons) return { stuck: 'the compared values are still of different types', next };
        fixes.numericComparisons = true;
        return { fault: fault.kind, fix: `read the compared column as a number (${fault.given ?? 'its type'} cannot be compared with a number)` };
      }
      if (/^(numeric|integer|bigint|double|real|decimal|int|float)/.test(op)) return { stuck: `some values cannot be read as ${op}`, next };
      const fn = op.toUpperCase();
      if (!fn || fixes.numericArgsOf.has(fn)) return { stuck: `${op || 'a function'} still refuses its argument`, next };
      fixes.numericArgsOf.add(fn);
      return { fault: fault.kind, fix: `read the argument of ${fn} as a number (it was ${fault.given ?? 'another type'})` };
    }
    case 'missingFunction': {
      const substitute = FUNCTION_SUBSTITUTES[fault.name];
      const next = `Rewrite the glossary expression without ${fault.name.toUpperCase()}, or ask with a language model configured.`;
      if (!substitute || fixes.substitutes.has(fault.name)) return { stuck: `this database has no function ${fault.name.toUpperCase()} and I know no equivalent it has`, next };
      fixes.substitutes.set(fault.name, substitute);
      return { fault: fault.kind, fix: `used ${substitute} instead of ${fault.name.toUpperCase()}, which this database does not have` };
    }
    case 'other':
      return { stuck: 'the error is not one I can repair from', next: 'Rephrase the question, or ask with a language model configured.' };
  }
}

function giveUp(failures: FailedAttempt[], steps: RepairStep[], why: string, next: string): RepairedAnswer {
  const tried = steps.length ? ` I tried: ${steps.map((s) => s.fix).join('; ')}.` : '';
  const refusal = `The database rejected the query (${failures[failures.length - 1].error}).${tried} I could not repair it: ${why}. ${next}`;
  return { confidence: 0.05, refusal, explanation: refusal, mapping: [], repairs: steps, nextStep: next };
}

/** The answer after the database rejected each of `failures` in turn (oldest first), or an honest
 *  refusal that names the error, what was tried and what to do next. */
/** A table the repaired query joins that the first did not, on anything but its key: it would
 *  repeat rows (a column of the same name reached through a one-to-many path is another thing). */
function fanOutJoin(model: SemanticModel, before: Select | undefined, after: Select): string | undefined {
  const joined = (s: Select | undefined) => new Set((s?.joins ?? []).flatMap((j) => (j.item.k === 'table' ? [j.item.table.name] : [])));
  const old = joined(before);
  for (const j of after.joins) {
    if (j.item.k !== 'table' || old.has(j.item.table.name)) continue;
    const name = j.item.table.name;
    const key = model.tables.get(name)?.primaryKey ?? [];
    const on: string[] = [];
    walk(j.on, (e) => { if (e.k === 'col' && e.table === name) on.push(e.column); });
    if (!key.length || !key.every((k) => on.includes(k))) return name;
  }
  return undefined;
}

/** Leaving a column out must not change what the question asks: no word may lose its meaning and
 *  no new join may repeat rows. Returns why the new reading is not the same question. */
function readingChanged(engine: Nl2SqlEngine, reader: Nl2SqlEngine, question: string, options: AskOptions, repaired: Answer, query: Select | undefined): string | undefined {
  let first: Select | undefined;
  const original = engine.ask(question, { ...options, rewrite: (q) => { first = q; return q; } });
  const lost = (repaired.unknownWords ?? []).filter((w) => !(original.unknownWords ?? []).includes(w));
  if (lost.length) return `without it ${lost.map((w) => `"${w}"`).join(', ')} no longer matches anything in this data`;
  const fanOut = query && fanOutJoin(reader.model, first, query);
  if (fanOut) return `the only other reading goes through ${fanOut}, which would count rows more than once`;
  if (repaired.clarification || repaired.confidence < CLARIFY_THRESHOLD) return 'the question no longer reads clearly without it';
  return undefined;
}

export function repairAnswer(engine: Nl2SqlEngine, question: string, failures: FailedAttempt[], options: AskOptions = {}): RepairedAnswer {
  if (!failures.length) throw new Error('repairAnswer needs at least one failed attempt.');
  const fixes = noFixes();
  const steps: RepairStep[] = [];
  for (const failure of failures) {
    const step = addFix(fixes, classifyDbError(failure.error));
    if ('stuck' in step) return giveUp(failures, steps, step.stuck, step.next);
    steps.push(step);
  }
  if (steps.length > MAX_OFFLINE_REPAIRS) return giveUp(failures, steps, `it still failed after ${MAX_OFFLINE_REPAIRS} repairs`, 'Rephrase the question, or ask with a language model configured.');
  const reader = fixes.excluded.length ? engine.without(fixes.excluded) : engine;
  let compiled: Select | undefined;
  const answer = reader.ask(question, { ...options, rewrite: (q) => { compiled = q; return rewriteSelect(q, fixes); } });
  if (!answer.sql || answer.refusal) {
    return giveUp(failures, steps, answer.refusal ? `without those columns the question cannot be answered` : 'no other reading of the question is left', fixes.excluded.length ? 'Refresh the source\'s schema and ask again.' : 'Rephrase the question.');
  }
  const changed = fixes.excluded.length ? readingChanged(engine, reader, question, options, answer, compiled) : undefined;
  if (changed) return giveUp(failures, steps, changed, 'Refresh the source\'s schema (a column may have been renamed or removed) and ask again.');
  if (failures.some((f) => f.sql === answer.sql)) return giveUp(failures, steps, 'the repaired query is the same as one that failed', 'Rephrase the question, or ask with a language model configured.');
  const confidence = fixes.excluded.length ? Math.round(answer.confidence * EXCLUSION_PENALTY * 100) / 100 : answer.confidence;
  const explanation = `${answer.explanation} The database rejected the first query (${failures[0].error}); I ${steps.map((s) => s.fix).join(', then ')}.`;
  return { ...answer, confidence, explanation, repairs: steps };
}

export interface RunOutcome<T> {
  answer: Answer | RepairedAnswer;
  /** The database's result for the answer's SQL; absent when no SQL ran successfully. */
  result?: T;
  failures: FailedAttempt[];
}

/** Asks, runs the SQL, and on each database error repairs and runs again (at most MAX_OFFLINE_REPAIRS times). */
export async function askAndRun<T>(engine: Nl2SqlEngine, question: string, run: (sql: string) => Promise<T>, options: AskOptions = {}): Promise<RunOutcome<T>> {
  let answer: Answer | RepairedAnswer = engine.ask(question, options);
  const failures: FailedAttempt[] = [];
  while (answer.sql && !answer.refusal) {
    try {
      return { answer, result: await run(answer.sql), failures };
    } catch (error) {
      failures.push({ sql: answer.sql, error: error instanceof Error ? error.message : String(error) });
      answer = repairAnswer(engine, question, failures, options);
    }
  }
  return { answer, failures };
}
