/** Whether a measure column adds up across rows. Amounts, quantities and costs do; rates, prices,
 *  ratings, scores, percentages, ages and "per unit" figures do not: their sum per group means
 *  nothing, so without an aggregation word they are averaged. Judged from general column-name words. */
import { singular, words } from './text';

/** Column-name words of figures taken per row, never summed. */
const NON_ADDITIVE_WORDS = new Set([
  'rate', 'price', 'rating', 'score', 'grade', 'gpa', 'percent', 'percentage', 'pct', 'ratio', 'share',
  'age', 'temperature', 'temp', 'latitude', 'longitude', 'lat', 'lng', 'lon', 'star',
]);
/** Words saying the column already is an average or a per-unit figure ("revenue_per_user", "avg_spend"). */
const PER_UNIT_WORDS = new Set(['per', 'avg', 'average', 'mean', 'median']);
/** Words that make a column a total again ("total_price" of a booking is what it brought in). */
const ADDITIVE_WORDS = new Set(['total', 'sum', 'amount', 'amt', 'revenue', 'cost', 'spend', 'quantity', 'qty', 'count', 'cnt']);

export type DefaultAggregation = 'SUM' | 'AVG';

/** The aggregation a measure column gets when the question names none. */
export function defaultAggregation(columnName: string): DefaultAggregation {
  const w = words(columnName).map(singular);
  if (w.some((x) => PER_UNIT_WORDS.has(x))) return 'AVG';
  if (w.some((x) => ADDITIVE_WORDS.has(x))) return 'SUM';
  return w.some((x) => NON_ADDITIVE_WORDS.has(x)) ? 'AVG' : 'SUM';
}
