/** Filters of SQL the offline engine did not plan (a model's, a verified answer's), said in plain words. */
import { describe, expect, it } from 'vitest';
import { sqlFilterWords } from './sqlFilterWords';
import { filterSentence } from '../nl2sql/filterWords';

describe('filters read from SQL', () => {
  it('says values, comparisons, lists, ranges, patterns and empties of the WHERE clause', () => {
    const sql = `SELECT r.region_name, SUM(o.amount) AS revenue FROM orders o JOIN regions r ON r.id = o.region_id
      WHERE r.region_name = 'North America' AND o.amount > 100 AND o.status IN ('paid', 'shipped') AND o.order_date BETWEEN '2025-01-01' AND '2025-03-31'
        AND o.coupon IS NOT NULL AND o.customer_name LIKE '%smith%' AND NOT o.is_test GROUP BY r.region_name`;
    expect(sqlFilterWords(sql, 'sqlite')).toEqual([
      'region = North America', 'amount > 100', 'status is paid or shipped', 'order date from 2025-01-01 to 2025-03-31',
      'coupon is filled in', 'customer contains “smith”', 'is not test',
    ]);
  });

  it('names the part of a date a condition reads, and dates counted from today', () => {
    expect(sqlFilterWords(`SELECT COUNT(*) FROM orders WHERE strftime('%Y', order_date) = '2025' AND 2000 <= amount`, 'sqlite')).toEqual(['year of order date = 2025', 'amount ≥ 2,000']);
    expect(sqlFilterWords(`SELECT COUNT(*) FROM orders WHERE EXTRACT(YEAR FROM order_date) = 2025 AND order_date >= CURRENT_DATE - INTERVAL '30 days' AND paid = true`, 'postgres'))
      .toEqual(['year of order date = 2025', 'order date ≥ a date counted from today', 'paid']);
  });

  it('says group filters of HAVING after the row filters, and conditions it cannot word by their columns', () => {
    const sql = `WITH recent AS (SELECT * FROM orders WHERE channel <> 'Online') SELECT region, SUM(amount) FROM recent
      WHERE region = 'EMEA' OR amount > 5 GROUP BY region HAVING SUM(amount) > 1000 AND COUNT(*) >= 3`;
    expect(sqlFilterWords(sql, 'postgres')).toEqual(['a condition on region and amount', 'channel ≠ Online', 'total of amount > 1,000', 'number of rows ≥ 3']);
    expect(filterSentence(sqlFilterWords(`SELECT SUM(amount) FROM orders WHERE region IN ('EMEA', 'APAC')`, 'duckdb'))).toBe('Filtered to region is EMEA or APAC.');
  });

  it('says nothing for SQL without filters, a UNION, or text it cannot read', () => {
    expect(sqlFilterWords('SELECT region, SUM(amount) FROM orders GROUP BY region', 'sqlite')).toEqual([]);
    expect(sqlFilterWords(`SELECT a FROM t WHERE a = 1 UNION SELECT a FROM u WHERE a = 2`, 'sqlite')).toEqual([]);
    expect(sqlFilterWords('not sql at all', 'sqlite')).toEqual([]);
  });
});
