import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorPool } from './pool';
import { createConnector } from './registry';
import { makeSalesDatabase } from '../../../tests/support/salesDatabase';
import type { Connector, SourceConfig } from './types';

async function count(connector: Connector): Promise<unknown> {
  for await (const page of connector.query('SELECT count(*) FROM sales')) return page.rows[0][0];
}

describe('ConnectorPool', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  function setup(idleMs = 1_000) {
    const database = makeSalesDatabase();
    let clock = 0;
    const created: Connector[] = [];
    const closed: Connector[] = [];
    const pool = new ConnectorPool({
      idleMs,
      now: () => clock,
      create: (config) => {
        const connector = createConnector(config);
        const close = connector.close.bind(connector);
        connector.close = async () => {
          closed.push(connector);
          await close();
        };
        created.push(connector);
        return connector;
      },
    });
    cleanups.push(() => pool.closeAll(), database.remove);
    const config: SourceConfig = { type: 'sqlite', path: database.file };
    return { pool, config, created, closed, advance: (ms: number) => (clock += ms), file: database.file };
  }

  it('reuses one connector per source id', async () => {
    const { pool, config, created } = setup();
    expect(await pool.use('s1', config, count)).toBe(3);
    expect(await pool.use('s1', config, count)).toBe(3);
    await pool.use('s2', config, count);
    expect(created).toHaveLength(2);
    expect(pool.size).toBe(2);
  });

  it('replaces the connector when the source settings change', async () => {
    const { pool, config, created, closed, file } = setup();
    await pool.use('s1', config, count);
    await pool.use('s1', { type: 'sqlite', path: file }, count);
    expect(created).toHaveLength(1);
    const other = makeSalesDatabase();
    cleanups.push(other.remove);
    await pool.use('s1', { type: 'sqlite', path: other.file }, count);
    expect(created).toHaveLength(2);
    expect(closed).toEqual([created[0]]);
  });

  it('closes idle connectors, but never one that is in use', async () => {
    const { pool, config, closed, advance } = setup(1_000);
    await pool.use('idle', config, count);
    let finishBusy!: () => void;
    const busy = pool.use('busy', config, () => new Promise<void>((resolve) => (finishBusy = resolve)));
    advance(5_000);
    await pool.closeIdle();
    expect(pool.size).toBe(1);
    expect(closed).toHaveLength(1);
    finishBusy();
    await busy;
    advance(5_000);
    await pool.closeIdle();
    expect(pool.size).toBe(0);
  });

  it('keeps a streaming connector busy until the stream ends', async () => {
    const { pool, config, advance } = setup(1_000);
    const stream = pool.stream('s1', config, (connector) => connector.query('SELECT id FROM sales', { pageSize: 1 }));
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value.rows).toEqual([[1]]);
    advance(5_000);
    await pool.closeIdle();
    expect((await iterator.next()).value.rows).toEqual([[2]]);
    await iterator.return?.(undefined);
    advance(5_000);
    await pool.closeIdle();
    expect(pool.size).toBe(0);
  });
});
