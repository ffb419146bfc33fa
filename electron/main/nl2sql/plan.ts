/** The typed query plan: what the question asks, before any SQL exists. */
import type { TimeUnit } from './ast';
import type { MetricModel } from './model';
import type { Period } from './time';

export type AggFn = 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'COUNT' | 'COUNT_DISTINCT' | 'MEDIAN';

export type Measure =
  | { kind: 'metric'; metric: MetricModel }
  /** An aggregate over a column; without column it counts rows of `table`. */
  | { kind: 'agg'; fn: AggFn; table: string; column?: string; label: string; /** root table when not `table` */ from?: string;
      /** Why this aggregation was chosen when the question named none (for the explanation). */ reading?: string }
  /** Average number of days between two date columns of one table. */
  | { kind: 'daysBetween'; fn: AggFn; table: string; from: string; to: string; label: string; /** days from the latest `from` to the reference date */ untilNow?: boolean };

export type Dimension =
  | { kind: 'column'; table: string; column: string; label: string; /** also group by these (entity keys) */ keys?: string[] }
  | { kind: 'time'; unit: TimeUnit; label: string };

export type Filter =
  | { kind: 'values'; table: string; column: string; values: string[]; negated: boolean; /** the question's words for the values, when read from them */ said?: string[] }
  | { kind: 'compare'; table: string; column: string; op: '>' | '<' | '>=' | '<=' | '='; value: number }
  | { kind: 'null'; table: string; column: string; negated: boolean }
  /** Rows of `table` no row of `child` refers to ("books never rated"). */
  | { kind: 'absent'; table: string; column: string; child: string; childColumn: string }
  /** Day of the week of a time column, 0 = Sunday … 6 = Saturday ("on Mondays"). */
  | { kind: 'weekday'; table: string; column: string; days: number[] }
  /** Days from the `from` date column to `column` compared with a number ("stays longer than 10 days"). */
  | { kind: 'days'; table: string; from: string; column: string; op: '>' | '<' | '>=' | '<=' | '='; value: number };

export interface Having {
  op: '>' | '<' | '>=' | '<=';
  value: number;
}

export type Shape =
  | { kind: 'basic' }
  /** (current − previous) / previous per group. */
  | { kind: 'growth'; current: Period; previous: Period }
  /** One column per period. */
  | { kind: 'periods'; periods: Period[] }
  /** Each group's share of the total, in percent. */
  | { kind: 'shareOfTotal' }
  /** Share of the measure that satisfies `part`, in percent (or a fraction). */
  | { kind: 'partShare'; part: Filter; percent: boolean }
  /** measures[0] / measures[1], in percent when asked. */
  | { kind: 'ratio'; percent: boolean }
  /** How many rows of `table` have a measure above a threshold (counted per entity). */
  | { kind: 'countHaving'; table: string }
  /** The matching rows of `table` themselves ("which stores are in Europe?"), no aggregation. */
  | { kind: 'list'; table: string;
      /** The columns asked for ("the name, city and country of …"); the rows' label when none. */ columns?: { table: string; column: string }[];
      /** "The 3 flights with the largest delay": rows ordered by this column of theirs (direction and limit in `order`). */ orderBy?: { table: string; column: string } };

export interface Order {
  desc: boolean;
  limit?: number;
  /** Superlatives ("which region had the most"): only the winner's label is asked for. */
  winnerOnly?: boolean;
}

export interface PhraseLink {
  phrase: string;
  meaning: string;
}

export interface QueryPlan {
  measures: Measure[];
  dims: Dimension[];
  filters: Filter[];
  having?: Having;
  period?: Period;
  /** Date for snapshot metrics ({as_of}); the reference date unless the question names one. */
  asOf: string;
  /** Date column for time filters and series when the measure has none of its own. */
  timeColumn?: { table: string; column: string };
  /** Tables the user named as the way to reach a dimension ("customer country"). */
  via: string[];
  order?: Order;
  shape: Shape;
  links: PhraseLink[];
  /** The question's words, to choose among several keys to one table ("flights to Tokyo"). */
  words?: string[];
}
