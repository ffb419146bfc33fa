/** One check per general construct found missing on held-out domains, executed against hand-written
 *  SQL on the held-out fixtures (plain schemas unless a glossary is named). */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../connectors/registry';
import { createHotelDatabase } from '../../../tests/support/nl2sql/holdout/hotel';
import { holdoutGlossary } from '../../../tests/support/nl2sql/holdout/score';
import { createUniversityDatabase } from '../../../tests/support/nl2sql/holdout/university';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from './engine';
import { resultsMatch, type ResultTable } from './scorer';

interface Source { db: Database.Database; plain: Nl2SqlEngine; withGlossary: Nl2SqlEngine; cleanup: () => void }
const sources: Record<'university' | 'hotel', Source> = {} as Record<'university' | 'hotel', Source>;

beforeAll(async () => {
  for (const [name, create] of [['university', createUniversityDatabase], ['hotel', createHotelDatabase]] as const) {
    const fixture = create(false);
    const connector = createConnector({ type: 'sqlite', path: fixture.file });
    const schema = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
    await connector.close();
    sources[name] = { db: new Database(fixture.file, { readonly: true }), plain: new Nl2SqlEngine(schema), withGlossary: new Nl2SqlEngine(schema, holdoutGlossary(name)), cleanup: fixture.cleanup };
  }
});
afterAll(() => Object.values(sources).forEach((s) => { s.db.close(); s.cleanup(); }));

function expectSameResult(source: 'university' | 'hotel', question: string, expectedSql: string, options: { ordered?: boolean; glossary?: boolean } = {}): void {
  const s = sources[source];
  const run = (sql: string): ResultTable => {
    const stmt = s.db.prepare(sql);
    return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as ResultTable['rows'] };
  };
  const answer = (options.glossary ? s.withGlossary : s.plain).ask(question, { now: '2026-07-01' });
  expect(answer.sql, `${question} → ${answer.refusal ?? ''}`).toBeTruthy();
  const expected = run(expectedSql);
  expect(expected.rows.length).toBeGreaterThan(0);
  expect(resultsMatch(expected, run(answer.sql!), options.ordered ?? false), `${question}\n  got: ${answer.sql}`).toBe(true);
}

describe('filters', () => {
  it('negates a value after "outside the"', () => expectSameResult('university', 'Enrollments outside the History department this year',
    "SELECT COUNT(*) FROM enrollments e JOIN courses c ON c.course_id = e.course_id JOIN departments d ON d.department_id = c.department_id WHERE e.status <> 'withdrawn' AND d.department_name <> 'History' AND e.enrolled_on >= '2026-01-01' AND e.enrolled_on < '2026-07-01'", { glossary: true }));
  it('negates a hyphenated "non-" value', () => expectSameResult('hotel', 'Total price of bookings from non-Platinum guests',
    "SELECT SUM(total_price) FROM bookings b JOIN guests g ON g.guest_id = b.guest_id WHERE g.loyalty_level <> 'Platinum'"));
  it('links a mixed-case value as one word ("PhD")', () => expectSameResult('university', 'How many PhD students are there?', "SELECT COUNT(*) FROM students WHERE program = 'PhD'"));
  it('compares the column named after the number', () => expectSameResult('university', 'How many courses have more than 3 credits?', 'SELECT COUNT(*) FROM courses WHERE credits > 3'));
  it('reads "rating of 5" and "had 3 nights" as equality on that column', () => {
    expectSameResult('hotel', 'How many reviews had a rating of 5?', 'SELECT COUNT(*) FROM reviews WHERE rating = 5');
    expectSameResult('hotel', 'How many bookings had 3 nights?', 'SELECT COUNT(*) FROM bookings WHERE nights = 3');
  });
  it('compares rows of a table with one measure column on it, and "over 2000" is an amount, not a year', () => expectSameResult('university', 'How many payments over 2000?',
    'SELECT COUNT(*) FROM tuition_payments WHERE amount > 2000'));
});

describe('measures', () => {
  it('aggregates a measure column named by a common word ("amount")', () => expectSameResult('university', 'Maximum amount paid by card', "SELECT MAX(amount) FROM tuition_payments WHERE method = 'card'"));
  it('sums the only measure of a table named by the table\'s qualifier, the payer being a filter not a breakdown', () => expectSameResult('university', 'What is the total tuition paid by students from Norway?',
    "SELECT SUM(p.amount) FROM tuition_payments p JOIN students s ON s.student_id = p.student_id WHERE s.home_country = 'Norway'"));
  it('reads a "total_price" column as revenue without a glossary', () => expectSameResult('hotel', 'Total revenue by channel', 'SELECT channel, SUM(total_price) FROM bookings GROUP BY channel'));
  it('reads a superlative over a column with nothing to rank as MAX', () => expectSameResult('hotel', 'What is the highest nightly rate?', 'SELECT MAX(nightly_rate) FROM rooms'));
  it('counts the entity named after the superlative, per group', () => expectSameResult('university', 'Which department has the most courses?',
    'SELECT d.department_name FROM courses c JOIN departments d ON d.department_id = c.department_id GROUP BY d.department_name ORDER BY COUNT(*) DESC LIMIT 1', { ordered: true }));
});

describe('dimensions and time', () => {
  it('groups by a column named by its head noun ("country" for home_country)', () => expectSameResult('university', 'Which country do most students come from?',
    'SELECT home_country FROM students GROUP BY home_country ORDER BY COUNT(*) DESC LIMIT 1', { ordered: true }));
  it('groups by the possessor in "country\'s guests"', () => expectSameResult('hotel', "Which country's guests generate the most revenue?",
    "SELECT g.country FROM bookings b JOIN guests g ON g.guest_id = b.guest_id WHERE b.status <> 'cancelled' GROUP BY g.country ORDER BY SUM(b.total_price) DESC LIMIT 1", { ordered: true, glossary: true }));
  it('orders the whole breakdown for "rank … by"', () => expectSameResult('hotel', 'Rank room types by total nights booked',
    'SELECT r.room_type, SUM(b.nights) FROM bookings b JOIN rooms r ON r.room_id = b.room_id GROUP BY r.room_type ORDER BY 2 DESC', { ordered: true }));
  it('reads "the first quarter of 2025"', () => expectSameResult('hotel', 'Stays in the first quarter of 2025',
    "SELECT COUNT(*) FROM bookings WHERE status = 'completed' AND check_in >= '2025-01-01' AND check_in < '2025-04-01'", { glossary: true }));
  it('counts the rows of a table named together with its date column ("bookings checked in")', () => expectSameResult('hotel', 'How many bookings checked in last month?',
    "SELECT COUNT(*) FROM bookings WHERE check_in >= '2026-06-01' AND check_in < '2026-07-01'"));
  it('takes "by <date column>" next to a time unit as the series axis', () => expectSameResult('hotel', 'Monthly bookings by check in date for 2025',
    "SELECT strftime('%Y-%m', check_in) m, COUNT(*) FROM bookings WHERE check_in >= '2025-01-01' AND check_in < '2026-01-01' GROUP BY m ORDER BY m", { ordered: true }));
});
