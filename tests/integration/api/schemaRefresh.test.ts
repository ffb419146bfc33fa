import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';

describe('schema metadata follows the source when it changes', () => {
  let server: Awaited<ReturnType<typeof startTempServer>>;
  let token: string;
  let folder: string;
  let sourceId: string;

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1' });
    token = await signIn(server.url);
    folder = tempDataDir('aiser-files-');
    fs.writeFileSync(path.join(folder, 'deals.csv'), 'deal_id,stage,amount\n1,won,100\n2,lost,50\n');
    const projectId = ((await post(server.url, 'auth/me', {}, token)).body.data as { projects: Array<{ id: string }> }).projects[0].id;
    const created = await post(server.url, 'sources/create', { projectId, name: 'Deals folder', config: { type: 'files', path: folder } }, token);
    expect(created.body.ok, JSON.stringify(created.body.error)).toBe(true);
    sourceId = (created.body.data as { id: string }).id;
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('re-reads the schema when a query names a table added since, and answers', async () => {
    const before = (await post(server.url, 'sources/get', { id: sourceId }, token)).body.data as { schemaVersion: string };
    fs.writeFileSync(path.join(folder, 'reps.csv'), 'rep_id,name\n1,Ada\n2,Grace\n');
    const res = await post(server.url, 'query/run', { sourceId, sql: 'SELECT COUNT(*) AS reps FROM reps' }, token);
    expect(res.body.ok, JSON.stringify(res.body.error)).toBe(true);
    expect((res.body.data as { rows: number[][] }).rows).toEqual([[2]]);
    const after = (await post(server.url, 'sources/get', { id: sourceId }, token)).body.data as { schemaVersion: string };
    expect(after.schemaVersion).not.toBe(before.schemaVersion);
    const schema = (await post(server.url, 'sources/schema', { id: sourceId }, token)).body.data as { tables: Array<{ name: string }> };
    expect(schema.tables.map((t) => t.name).sort()).toEqual(['deals', 'reps']);
  });

  it('still refuses a table that does not exist, with the guard’s reason', async () => {
    const res = await post(server.url, 'query/run', { sourceId, sql: 'SELECT * FROM secrets' }, token);
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('SQL_REFUSED');
  });
});
