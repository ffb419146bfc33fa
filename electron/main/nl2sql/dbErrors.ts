/** Reads a database's error message (SQLite, PostgreSQL, MySQL/MariaDB, DuckDB) into the kind of
 *  fault it names, so the engine can repair its own SQL without a language model. */

export type DbFault =
  /** A column the schema snapshot has but the database does not (renamed, dropped, stale snapshot). */
  | { kind: 'unknownColumn'; column: string; table?: string }
  /** An unqualified name that more than one joined table has. */
  | { kind: 'ambiguousColumn'; column: string }
  /** A value of the wrong type for a function or operator (text summed, text compared with a number). */
  | { kind: 'typeMismatch'; detail: string; /** the function or operator that refused it, lower case */ operation?: string; /** the type it was given */ given?: string }
  | { kind: 'divisionByZero' }
  /** A function this database does not have. */
  | { kind: 'missingFunction'; name: string }
  | { kind: 'other'; message: string };

const strip = (name: string) => name.replace(/^["'`]|["'`]$/g, '');

function splitQualified(name: string): { column: string; table?: string } {
  const parts = strip(name).split('.').map(strip);
  return parts.length > 1 ? { table: parts[parts.length - 2], column: parts[parts.length - 1] } : { column: parts[0] };
}

/** Functions every dialect has under these names: when the database says one "does not exist", it
 *  is the argument type it refuses, not the function. */
const STANDARD_FUNCTIONS = new Set(['sum', 'avg', 'min', 'max', 'count', 'round', 'abs', 'date_trunc', 'to_char', 'extract', 'date_part', 'strftime', 'julianday', 'date', 'lower', 'upper', 'length', 'coalesce', 'nullif', 'percentile_cont', 'median', 'date_diff', 'datediff', 'quarter', 'dayofweek']);

export function classifyDbError(message: string): DbFault {
  const m = message.replace(/\s+/g, ' ');
  let x: RegExpExecArray | null;
  // SQLite "no such column: t.c"; PostgreSQL 'column "c" does not exist' / 'column t.c does not exist';
  // MySQL "Unknown column 't.c' in 'field list'"; DuckDB 'Referenced column "c" not found'.
  if ((x = /no such column: ([\w."`]+)/i.exec(m)) || (x = /column ([\w."`]+) does not exist/i.exec(m)) || (x = /Unknown column '([^']+)'/i.exec(m))
    || (x = /Referenced column "?([\w.]+)"? not found/i.exec(m)) || (x = /(?:Table|Values list) "(\w+)" does not have a column named "(\w+)"/i.exec(m))) {
    if (x.length > 2 && x[2]) return { kind: 'unknownColumn', table: x[1], column: x[2] };
    return { kind: 'unknownColumn', ...splitQualified(x[1]) };
  }
  if ((x = /ambiguous column name: ([\w."`]+)/i.exec(m)) || (x = /column reference "([^"]+)" is ambiguous/i.exec(m))
    || (x = /Column '([^']+)' in [\w ]+ is ambiguous/i.exec(m)) || (x = /Ambiguous reference to column name "([^"]+)"/i.exec(m))) {
    return { kind: 'ambiguousColumn', column: splitQualified(x[1]).column };
  }
  if (/division by zero|divide by zero/i.test(m)) return { kind: 'divisionByZero' };
  if ((x = /operator does not exist: ([\w ]+?) ([<>=!~+\-*/]+) ([\w ]+)/i.exec(m))) {
    return { kind: 'typeMismatch', detail: x[0], operation: x[2], given: x[1].trim().toLowerCase() };
  }
  // PostgreSQL "function sum(text) does not exist"; DuckDB "No function matches … 'sum(VARCHAR)'".
  if ((x = /function ([\w.]+)\(([^)]*)\) does not exist/i.exec(m)) || (x = /No function matches the given name and argument types '(\w+)\(([^)]*)\)'/i.exec(m))) {
    const name = x[1].split('.').pop()!.toLowerCase();
    if (STANDARD_FUNCTIONS.has(name)) return { kind: 'typeMismatch', detail: x[0], operation: name, given: x[2].split(',')[0].trim().toLowerCase() };
    return { kind: 'missingFunction', name };
  }
  if ((x = /invalid input syntax for type (\w+)/i.exec(m)) || (x = /Could not convert string .* to (\w+)/i.exec(m)) || (x = /Conversion Error: .*?(\w+)$/i.exec(m))) {
    return { kind: 'typeMismatch', detail: x[0], given: 'text', operation: x[1].toLowerCase() };
  }
  // SQLite "no such function: X"; MySQL "FUNCTION db.x does not exist"; DuckDB "Scalar Function with name x does not exist".
  if ((x = /no such function: (\w+)/i.exec(m)) || (x = /FUNCTION ([\w.]+) does not exist/.exec(m)) || (x = /Function with name (\w+) does not exist/i.exec(m))) {
    return { kind: 'missingFunction', name: x[1].split('.').pop()!.toLowerCase() };
  }
  return { kind: 'other', message };
}
