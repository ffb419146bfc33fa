import { describe, expect, it } from 'vitest';
import type { SchemaInfo } from '../../../shared/types/schema';
import { renderExpr } from './render';
import { buildSemanticModel } from './model';
import { planJoins } from './joins';

const col = (name: string, nullable = false) => ({ name, type: 'integer', kind: 'number' as const, nullable, isPrimaryKey: name.endsWith('_id') && false });
const table = (name: string, columns: string[], rows: number, nullable: string[] = []) => ({
  name, primaryKey: [columns[0]], rowCountEstimate: rows, columns: columns.map((c, i) => ({ ...col(c, nullable.includes(c)), isPrimaryKey: i === 0 })),
});
const fk = (fromTable: string, from: string, toTable: string, to: string) => ({ fromTable, fromColumns: [from], toTable, toColumns: [to], inferred: false });

/** Logistics: shipments reach cities through their warehouse, or through an optional courier. */
const LOGISTICS: SchemaInfo = {
  dialect: 'sqlite', version: 'l1',
  tables: [
    table('cities', ['city_id', 'population'], 40),
    table('warehouses', ['warehouse_id', 'city_id'], 12),
    table('couriers', ['courier_id', 'city_id'], 300),
    table('shipments', ['shipment_id', 'warehouse_id', 'courier_id', 'weight'], 90000, ['courier_id']),
    table('parcels', ['parcel_id', 'shipment_id'], 200000),
  ],
  foreignKeys: [
    fk('warehouses', 'city_id', 'cities', 'city_id'), fk('couriers', 'city_id', 'cities', 'city_id'),
    fk('shipments', 'warehouse_id', 'warehouses', 'warehouse_id'), fk('shipments', 'courier_id', 'couriers', 'courier_id'),
    fk('parcels', 'shipment_id', 'shipments', 'shipment_id'),
  ],
};

describe('join paths over the foreign-key graph', () => {
  const model = buildSemanticModel(LOGISTICS);

  it('prefers required keys over an optional (nullable) one of the same length', () => {
    const steps = planJoins(model, 'shipments', ['cities']);
    expect(steps.map((s) => s.table)).toEqual(['warehouses', 'cities']);
    expect(renderExpr(steps[0].on, 'sqlite')).toBe('warehouses.warehouse_id = shipments.warehouse_id');
  });

  it('reuses tables already joined when attaching later ones', () => {
    const steps = planJoins(model, 'shipments', ['couriers', 'cities']);
    expect(steps.map((s) => s.table)).toEqual(['couriers', 'cities']);
  });

  it('flags steps from a parent to its children, which multiply rows', () => {
    const steps = planJoins(model, 'shipments', ['parcels']);
    expect(steps).toHaveLength(1);
    expect(steps[0].fansOut).toBe(true);
    expect(planJoins(model, 'parcels', ['cities']).some((s) => s.fansOut)).toBe(false);
  });

  it('explains when two tables are not connected', () => {
    const isolated = buildSemanticModel({ ...LOGISTICS, tables: [...LOGISTICS.tables, table('holidays', ['holiday_id'], 10)] });
    expect(() => planJoins(isolated, 'shipments', ['holidays'])).toThrow(/no foreign-key path links shipments to holidays/);
  });
});
