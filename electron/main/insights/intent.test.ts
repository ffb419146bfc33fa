import { describe, expect, it } from 'vitest';
import { recognizeIntent } from './intent';

/** Phrasings people use, written before the recogniser; none names a table or a value of a real source. */
describe('recognising analysis questions', () => {
  it.each([
    ['forecast revenue for next quarter', { count: 1, unit: 'quarter' }],
    ['What will sales be over the next 6 months?', { count: 6, unit: 'month' }],
    ['predict the number of orders for the next three weeks', { count: 3, unit: 'week' }],
    ['Projected bookings next year', { count: 1, unit: 'year' }],
    ['where is gross profit heading?', undefined],
    ['How many signups should we expect in the coming 2 months', { count: 2, unit: 'month' }],
    ['shipments outlook for the next 10 days', { count: 10, unit: 'day' }],
    ['revenue forecast by month', undefined],
  ])('"%s" asks for a forecast', (question, horizon) => {
    const intent = recognizeIntent(question);
    expect(intent?.kind).toBe('forecast');
    expect(intent?.kind === 'forecast' ? intent.horizon : 'x').toEqual(horizon);
  });

  it('reads a bare "explain X" as a description, and "explain the drop in X" as a why question', () => {
    expect(recognizeIntent('explain our store footprint')).toBeNull();
    expect(recognizeIntent('explain the drop in revenue in August 2025')?.kind).toBe('why');
  });

  it.each([
    'Any anomalies in daily revenue?',
    'were there unusual weeks for orders this year',
    'detect outliers in monthly sales',
    'show me spikes or dips in signups',
    'Is anything abnormal in ticket volume lately?',
    'which days were out of the ordinary for deliveries',
  ])('"%s" asks for anomalies', (question) => {
    expect(recognizeIntent(question)?.kind).toBe('anomalies');
  });

  it.each([
    ['why did revenue drop in August 2025 in Europe?', 'down', 'revenue in August 2025 in Europe'],
    ['What caused the decline in orders last month', 'down', 'orders last month'],
    ['what drove the increase in gross profit in Q2 2025?', 'up', 'gross profit in Q2 2025'],
    ['Explain the dip in sales in March', 'down', 'sales in March'],
    ['why are signups up this quarter', 'up', 'signups this quarter'],
    ['Why did churn jump last week?', 'up', 'churn last week'],
    ['what is behind lower margin in 2024', 'down', 'margin in 2024'],
    ['Why is revenue different this month?', undefined, 'revenue this month'],
  ])('"%s" asks for a reason', (question, direction, base) => {
    const intent = recognizeIntent(question);
    expect(intent?.kind).toBe('why');
    expect(intent?.kind === 'why' ? intent.direction : 'x').toBe(direction);
    expect(intent?.base).toBe(base);
  });

  it.each([
    'Is the difference in revenue between Online and Retail significant?',
    'is average order value in Europe significantly higher than in Asia?',
    'Is the drop in orders this month statistically significant',
    'is that gap between Enterprise and SMB real or just noise?',
    'could the difference in revenue between 2024 and 2025 be due to chance',
  ])('"%s" asks whether a difference is significant', (question) => {
    expect(recognizeIntent(question)?.kind).toBe('significance');
  });

  it.each([
    ['Is revenue correlated with discount?', ['revenue', 'discount']],
    ['correlation between orders and average order value by month', ['orders', 'average order value']],
    ['does discount relate to units sold', ['discount', 'units sold']],
    ['What is the relationship between price and quantity?', ['price', 'quantity']],
    ['do signups and revenue move together', ['signups', 'revenue']],
  ])('"%s" asks for a correlation', (question, terms) => {
    const intent = recognizeIntent(question);
    expect(intent?.kind).toBe('correlation');
    expect(intent?.kind === 'correlation' ? intent.terms : []).toEqual(terms);
  });

  it.each([
    ['what if average order value rises 5%?', 'average order value', 0.05, undefined],
    ['What happens to revenue if orders drop by 10 percent', 'orders', -0.1, 'revenue'],
    ['what if we increase prices by 3%', 'prices', 0.03, undefined],
    ['If AOV went up 2.5%, what would revenue be?', 'AOV', 0.025, 'revenue'],
    ['what if units sold fell 20% next year', 'units sold', -0.2, undefined],
    ['suppose the discount rate is cut by 15%', 'the discount rate', -0.15, undefined],
  ])('"%s" is a what-if on %s', (question, driver, change, target) => {
    const intent = recognizeIntent(question);
    expect(intent?.kind).toBe('whatIf');
    if (intent?.kind !== 'whatIf') return;
    expect(intent.driver).toBe(driver);
    expect(intent.change).toBeCloseTo(change, 10);
    expect(intent.target).toBe(target);
  });

  it.each([
    'revenue by month',
    'show orders by region for last quarter',
    'what is the average order value?',
    'top 5 products by units sold',
    'which customers signed up last week?',
    'compare revenue in 2024 and 2025',
    'how many orders were cancelled',
    'revenue next to the target column',
    'list the products whose price went up',
  ])('"%s" is an ordinary question', (question) => {
    expect(recognizeIntent(question)).toBeNull();
  });

  it('keeps the measure, filters and period for the query and drops the analysis words', () => {
    expect(recognizeIntent('forecast revenue in Europe for the next 6 months')?.base).toBe('revenue in Europe');
    expect(recognizeIntent('Any anomalies in daily revenue?')?.base).toBe('daily revenue');
    expect(recognizeIntent('What will sales be over the next 6 months?')?.base).toBe('sales');
    expect(recognizeIntent('how much gross profit will we make next quarter')?.base).toBe('gross profit');
    expect(recognizeIntent('were there unusual weeks for orders this year')).toMatchObject({ base: 'orders this year', granularity: 'week' });
    expect(recognizeIntent('what if average order value rises 5% in 2025?')?.base).toBe('average order value in 2025');
  });
});
