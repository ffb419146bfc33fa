/** A database that declares no keys (a plain copy, CSV files) must get the answers the keyed original gets:
 *  keys, link tables and row ends are inferred from names, types and values instead. */
import { describe, expect, it } from 'vitest';
import type { ForeignKey, TableInfo } from '../../../shared/types/schema';
import { keylessAgreement } from '../../../tests/support/nl2sql/holdout/keyless';
import { PLAIN_HOLDOUT_SETS } from '../../../tests/support/nl2sql/holdout/sets';
import { pairKeyOf } from './keys';

describe('held-out schemas stripped of declared keys', () => {
  it.each(PLAIN_HOLDOUT_SETS.map((s) => [s.name, s] as const))('%s: every answered question gets the keyed result', async (_name, set) => {
    const r = await keylessAgreement(set);
    expect(r.compared).toBeGreaterThan(30);
    expect(r.differences).toEqual([]);
    expect(r.agreed).toBe(r.compared);
  });

  it.each(PLAIN_HOLDOUT_SETS.map((s) => [s.name, s] as const))('%s: also with table names folded to lower case', async (_name, set) => {
    const r = await keylessAgreement(set, true);
    expect(r.differences).toEqual([]);
    expect(r.agreed).toBe(r.compared);
  });
});

describe('pairKeyOf', () => {
  const table = (name: string, columns: string[]): TableInfo => ({
    name, primaryKey: [], rowCountEstimate: null,
    columns: columns.map((c) => ({ name: c, type: 'INTEGER', kind: 'number', nullable: true, isPrimaryKey: false })),
  });
  const ref = (from: string, column: string, to: string): ForeignKey => ({ fromTable: from, fromColumns: [column], toTable: to, toColumns: ['id'], inferred: true });

  it('identifies a link table by its two references', () => {
    const writes = table('writes', ['author_id', 'publication_id']);
    expect(pairKeyOf(writes, [ref('writes', 'author_id', 'author'), ref('writes', 'publication_id', 'publication')])).toEqual(['author_id', 'publication_id']);
  });

  it('gives no key to an event table with more references', () => {
    const orders = table('orders', ['customer_id', 'store_id', 'rep_id', 'amount']);
    expect(pairKeyOf(orders, [ref('orders', 'customer_id', 'customer'), ref('orders', 'store_id', 'store'), ref('orders', 'rep_id', 'rep')])).toEqual([]);
  });
});
