/** Verified answers through the real server: an analyst verifies an answer; another person of the
 *  same project asking a paraphrase gets the verified SQL (re-run under their own masking), people of
 *  another project or organization do not, and the language-model prompt carries the verified pair. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../shared/api/client';
import { HttpTransport } from '../../../shared/api/httpTransport';
import { systemContext } from '../../../shared/types/auth';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, createSecondOrg, filesDir, type TestServer } from '../security/fixtures';

const ORDERS = [
  'order_id,region,channel,amount,customer_email',
  '1,North,Online,120,ann@north.example', '2,North,Store,80,bob@north.example', '3,South,Online,200,cy@south.example',
  '4,South,Online,50,dee@south.example', '5,West,Store,75,eve@west.example',
].join('\n');
const VERIFIED_SQL = 'SELECT region, SUM(amount) AS verified_total FROM orders GROUP BY region ORDER BY region';

describe('verified answers shared by both engines', () => {
  let server: TestServer;
  let fake: FakeLlmServer;
  let admin: ApiClient;
  let analyst: ApiClient;
  let executive: ApiClient;
  let otherProjectAnalyst: ApiClient;
  let otherOrgAdmin: ApiClient;
  let sourceId: string;
  let otherProjectSourceId: string;
  let otherOrgSourceId: string;

  const client = (token: string) => new ApiClient(new HttpTransport(server.url, token));
  const filesSource = (label: string) => {
    const dir = filesDir(server, label);
    fs.writeFileSync(path.join(dir, 'orders.csv'), `${ORDERS}\n`);
    return dir;
  };

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1' });
    fake = await FakeLlmServer.start();
    const adminToken = await signIn(server.url);
    admin = client(adminToken);
    const me = await admin.call('auth/me', {});
    const projectId = me.projects[0].id;
    const other = await server.container.services.store.projects.create(systemContext(me.orgId), { name: 'Other project' });
    sourceId = (await admin.call('sources/create', { projectId, name: 'Shop', config: { type: 'files', path: filesSource('shop') } })).id;
    otherProjectSourceId = (await admin.call('sources/create', { projectId: other.id, name: 'Shop copy', config: { type: 'files', path: filesSource('copy') } })).id;
    const a = await addMember(server, adminToken, 'analyst', 'analyst@verified.example', { projectIds: [projectId] });
    const e = await addMember(server, adminToken, 'executive', 'exec@verified.example', { projectIds: [projectId] });
    const b = await addMember(server, adminToken, 'analyst', 'analyst-b@verified.example', { projectIds: [other.id] });
    [analyst, executive, otherProjectAnalyst] = [client(a.token), client(e.token), client(b.token)];
    const second = await createSecondOrg(server, 'verified-other');
    fs.writeFileSync(path.join(second.filesDir, 'orders.csv'), `${ORDERS}\n`);
    otherOrgAdmin = client(second.adminToken);
    otherOrgSourceId = second.sourceId;
    await admin.call('ai/saveProvider', { name: 'Fake', kind: 'openai-compatible', endpoint: fake.openAiUrl, model: 'm' });
  });
  afterAll(async () => {
    await fake.close();
    await cleanup(server);
  });

  it('a paraphrase from another person of the project re-runs the verified SQL; other projects and organizations do not get it', async () => {
    fake.script({ kind: 'sql', sql: VERIFIED_SQL, explanation: 'Order amount per region.', confidence: 0.9 });
    const original = await analyst.call('chat/ask', { question: 'What is the total amount by region for orders?', sourceId, mode: 'llm' });
    expect(original).toMatchObject({ kind: 'answer', route: { engine: 'llm' } });
    expect(original.result?.columns.map((c) => c.name)).toContain('verified_total');

    await expect(executive.call('answers/verify', { messageId: original.messageId, verified: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const marked = await analyst.call('answers/verify', { messageId: original.messageId, verified: true });
    expect(marked.answer).toMatchObject({ question: 'What is the total amount by region for orders?', sql: expect.stringContaining('verified_total'), sourceId });
    expect((await executive.call('answers/verified', { sourceId })).map((v) => v.question)).toEqual(['What is the total amount by region for orders?']);

    const requestsBefore = fake.requests.length;
    const paraphrase = await executive.call('chat/ask', { question: 'Show me order amount per region', sourceId });
    expect(paraphrase.kind).toBe('answer');
    expect(paraphrase.verified).toMatchObject({ question: 'What is the total amount by region for orders?' });
    // Said once, by `verified` (the screen's note), not repeated in the narrative.
    expect(paraphrase.narrative ?? '').not.toMatch(/verified answer|verified for/i);
    expect(paraphrase.result?.columns.map((c) => c.name)).toEqual(['region', 'verified_total']);
    expect(paraphrase.result?.rows).toEqual(original.result?.rows);
    expect(paraphrase.filters).toBeUndefined();
    expect(fake.requests.length).toBe(requestsBefore);

    const differentFilter = await executive.call('chat/ask', { question: 'Show me order amount per channel', sourceId });
    expect(differentFilter.verified).toBeUndefined();

    const otherProject = await otherProjectAnalyst.call('chat/ask', { question: 'Show me order amount per region', sourceId: otherProjectSourceId, mode: 'offline' });
    expect(otherProject.verified).toBeUndefined();
    await expect(otherProjectAnalyst.call('answers/verified', { sourceId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await otherProjectAnalyst.call('answers/verified', {})).toEqual([]);

    const otherOrg = await otherOrgAdmin.call('chat/ask', { question: 'Show me order amount per region', sourceId: otherOrgSourceId, mode: 'offline' });
    expect(otherOrg.verified).toBeUndefined();
    expect(await otherOrgAdmin.call('answers/verified', {})).toEqual([]);
    await expect(otherOrgAdmin.call('answers/verify', { messageId: original.messageId, verified: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('verified SQL is re-run under the asker’s masking, and both answers say the filter its SQL applies', async () => {
    fake.script({ kind: 'sql', sql: "SELECT customer_email, amount FROM orders WHERE channel = 'Online' ORDER BY order_id", confidence: 0.9 });
    const original = await analyst.call('chat/ask', { question: 'customer emails and amounts of online orders', sourceId, mode: 'llm' });
    expect(original.filters).toEqual({ applied: ['channel = Online'], message: 'Filtered to channel = Online.' });
    await analyst.call('answers/verify', { messageId: original.messageId, verified: true });
    const asked = await executive.call('chat/ask', { question: 'Amounts and customer emails for Online orders', sourceId });
    expect(asked.verified).toBeDefined();
    expect(asked.result?.rowCount).toBe(3);
    expect(asked.filters?.message).toBe('Filtered to channel = Online.');
    expect(JSON.stringify(asked.result?.rows)).not.toContain('ann@north.example');
  });

  it('the language-model prompt carries the project’s verified pairs as examples', async () => {
    fake.script({ kind: 'sql', sql: 'SELECT channel, SUM(amount) AS total FROM orders GROUP BY channel', confidence: 0.9 });
    const before = fake.requests.length;
    await admin.call('chat/ask', { question: 'What is the order amount by region and channel?', sourceId, mode: 'llm' });
    const prompt = JSON.stringify(fake.requests.slice(before).map((r) => r.body.messages));
    expect(prompt).toContain('verified question');
    expect(prompt).toContain('verified_total');
  });

  it('withdrawing the verification stops the paraphrase from using it', async () => {
    const [pair] = (await analyst.call('answers/verified', { sourceId })).filter((v) => v.sql?.includes('verified_total'));
    await analyst.call('answers/verify', { messageId: pair.messageId!, verified: false });
    // The same question in the same mode as before: the earlier verified answer is not served from the cache.
    const asked = await executive.call('chat/ask', { question: 'Show me order amount per region', sourceId });
    expect(asked.verified).toBeUndefined();
  });
});
