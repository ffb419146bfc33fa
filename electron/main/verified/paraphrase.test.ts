import { describe, expect, it } from 'vitest';
import type { ColumnInfo, SchemaInfo } from '../../../shared/types/schema';
import { matchVerified, paraphraseSimilarity, PARAPHRASE_THRESHOLD } from './paraphrase';

const col = (name: string, kind: ColumnInfo['kind'], distinctValues?: string[]): ColumnInfo => ({ name, type: kind, kind, nullable: true, isPrimaryKey: false, distinctValues });
const schema: SchemaInfo = {
  dialect: 'sqlite', foreignKeys: [], version: 'paraphrase-test',
  tables: [
    { name: 'orders', primaryKey: ['id'], rowCountEstimate: 10, columns: [col('id', 'number'), col('customer_id', 'number'), col('order_date', 'date'), col('revenue', 'number'), col('profit', 'number'), col('channel', 'text', ['Online', 'Store'])] },
    { name: 'customers', primaryKey: ['id'], rowCountEstimate: 10, columns: [col('id', 'number'), col('region', 'text', ['North', 'South', 'West']), col('country', 'text'), col('county', 'text')] },
  ],
};

const verified = [
  { id: 'v1', question: 'What was total revenue by region in 2024?', sql: 'SELECT 1' },
  { id: 'v2', question: 'How many orders did we get last month?', sql: 'SELECT 2' },
  { id: 'v3', question: 'Average profit per order for online orders', sql: 'SELECT 3' },
];
const match = (question: string) => matchVerified(question, verified, schema)?.candidate.id;

describe('verified answer paraphrase matcher', () => {
  it('matches rewordings, reordered words, shorthand, inflections and typos', () => {
    expect(match('Show me revenue per region for 2024')).toBe('v1');
    expect(match('2024 revenue, broken down by region, please')).toBe('v1');
    expect(match('rev for each region in 2024')).toBe('v1');
    expect(match('what is the revenu by regions in 2024')).toBe('v1');
    expect(match('Number of orders last month')).toBe('v2');
    expect(match('count of orders placed last month')).toBe('v2');
    expect(match('avg profit by order for Online orders')).toBe('v3');
  });

  it('refuses a question that differs in a filter value', () => {
    expect(match('What was total revenue by region in 2025?')).toBeUndefined();
    expect(match('Average profit per order for store orders')).toBeUndefined();
    expect(match('How many orders did we get this month?')).toBeUndefined();
    expect(match('revenue by region in 2024 in Germany')).toBeUndefined();
  });

  it('refuses a question that differs in the metric, aggregate or breakdown', () => {
    expect(match('What was total profit by region in 2024?')).toBeUndefined();
    expect(match('What was average revenue by region in 2024?')).toBeUndefined();
    expect(match('What was total revenue by country in 2024?')).toBeUndefined();
    expect(match('What was total revenue in 2024?')).toBeUndefined();
    expect(match('List the orders we got last month')).toBeUndefined();
    expect(match('Max profit per order for online orders')).toBeUndefined();
  });

  it('never treats two different schema words as a typo of each other', () => {
    expect(paraphraseSimilarity('revenue by country', 'revenue by county', schema)).toBe(0);
  });

  it('scores the same question 1 and unrelated ones 0', () => {
    expect(paraphraseSimilarity(verified[0].question, verified[0].question, schema)).toBe(1);
    expect(paraphraseSimilarity('tell me a joke', verified[0].question, schema)).toBe(0);
    expect(paraphraseSimilarity('revenue by region in 2024', 'revenue by region in 2024 looking good', schema)).toBeGreaterThanOrEqual(PARAPHRASE_THRESHOLD);
  });
});
