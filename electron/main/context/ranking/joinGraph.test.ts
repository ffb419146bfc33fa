import { describe, expect, it } from 'vitest';
import type { ForeignKey } from '../../../../shared/types/schema';
import { JoinGraph } from './joinGraph';

const fk = (fromTable: string, toTable: string): ForeignKey => ({ fromTable, fromColumns: [`${toTable}_id`], toTable, toColumns: ['id'], inferred: false });

// orders → stores → countries → regions, orders → reps → regions, orders → customers → countries
const graph = new JoinGraph([
  fk('orders', 'stores'), fk('stores', 'countries'), fk('countries', 'regions'),
  fk('orders', 'reps'), fk('reps', 'regions'), fk('orders', 'customers'), fk('customers', 'countries'),
  fk('reps', 'reps'), fk('audit', 'audit_kinds'),
]);
const noRelevance = () => 0;

describe('join paths over the foreign-key graph', () => {
  it('adds the tables on the shortest path between two tables', () => {
    expect(graph.connectingTables(['orders', 'countries'], noRelevance, { slack: 0, maxHops: 4, maxDetourTablesPerPair: 0 }).sort()).toEqual(['customers', 'stores']);
  });

  it('also adds tables of routes one join longer, the most relevant first', () => {
    const tables = graph.connectingTables(['orders', 'regions'], (t) => (t === 'stores' ? 1 : 0), { slack: 1, maxHops: 4, maxDetourTablesPerPair: 2 });
    expect(tables).toContain('reps');
    expect(tables).toContain('stores');
    expect(tables).toHaveLength(3);
  });

  it('does not connect tables that are unrelated or too far apart', () => {
    expect(graph.connectingTables(['orders', 'audit'], noRelevance)).toEqual([]);
    expect(graph.connectingTables(['orders', 'regions'], noRelevance, { slack: 0, maxHops: 1, maxDetourTablesPerPair: 0 })).toEqual([]);
  });

  it('measures hop distances and ignores self references', () => {
    const distances = graph.distancesFrom('orders', 2);
    expect(distances.get('regions')).toBe(2);
    expect(distances.get('reps')).toBe(1);
  });
});
