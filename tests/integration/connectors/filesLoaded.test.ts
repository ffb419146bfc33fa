import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FilesConnector } from '../../../electron/main/connectors/duckdb/connector';
import { collect, tempDir } from './fixtures';

const tableKinds = 'SELECT table_name, table_type FROM information_schema.tables ORDER BY table_name';

/** Small file sources are read into DuckDB once and read again when a file changes. */
describe('files loaded into memory', () => {
  const dir = tempDir('aiser-files-loaded');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function folder(name: string, files: Record<string, string>): string {
    const target = path.join(dir, name);
    fs.mkdirSync(target);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(target, file), text);
    return target;
  }

  it('a small folder becomes in-memory tables, re-read when a file changes', async () => {
    const source = folder('small', { 'sales.csv': 'region,amount\nEU,10\nUS,20\n', 'regions.csv': 'region,name\nEU,Europe\n' });
    const connector = new FilesConnector({ path: source });
    expect((await collect(connector.query(tableKinds))).rows).toEqual([['regions', 'BASE TABLE'], ['sales', 'BASE TABLE']]);
    expect((await collect(connector.query('SELECT sum(amount) FROM sales'))).rows).toEqual([[30]]);

    fs.writeFileSync(path.join(source, 'sales.csv'), 'region,amount\nEU,10\nUS,20\nEU,5\n');
    expect((await collect(connector.query('SELECT sum(amount) FROM sales'))).rows).toEqual([[35]]);
    const joined = await collect(connector.query('SELECT name, sum(amount) FROM sales JOIN regions USING (region) GROUP BY name'));
    expect(joined.rows).toEqual([['Europe', 15]]);
    // The sandbox is the same after a reload: no file outside the source can be read.
    const outside = path.join(dir, 'outside.csv');
    fs.writeFileSync(outside, 'secret\n42\n');
    const refusal = await collect(connector.query(`SELECT * FROM read_csv('${outside}')`)).catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toMatch(/outside this source/);
    await connector.close();
  });

  it('files above the load limit stay views read in place by every query', async () => {
    const source = folder('large', { 'events.csv': 'id,kind\n1,a\n2,b\n' });
    const connector = new FilesConnector({ path: source }, { loadLimitBytes: 10 });
    expect((await collect(connector.query(tableKinds))).rows).toEqual([['events', 'VIEW']]);
    fs.appendFileSync(path.join(source, 'events.csv'), '3,c\n');
    expect((await collect(connector.query('SELECT count(*) FROM events'))).rows).toEqual([[3]]);
    await connector.close();
  });

  it('a query still running on the old tables finishes while the next one reads the new file', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i % 7}`).join('\n');
    const source = folder('busy', { 'n.csv': `id,v\n${rows}\n` });
    const connector = new FilesConnector({ path: source });
    const pages = connector.query('SELECT id FROM n ORDER BY id', { pageSize: 1000 })[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.value?.rows[0]).toEqual([0]);
    fs.writeFileSync(path.join(source, 'n.csv'), 'id,v\n1,1\n');
    expect((await collect(connector.query('SELECT count(*) FROM n'))).rows).toEqual([[1]]);
    let read = first.value!.rows.length;
    for (let step = await pages.next(); !step.done; step = await pages.next()) read += step.value.rows.length;
    expect(read).toBe(5000);
    await connector.close();
  });
});
