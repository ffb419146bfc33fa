/** Over the real HTTP server: a model-phrased narrative reaches the client as separate SSE
 *  events, in order, before the `narrative` event and the final result frame. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../shared/api/client';
import { API_VERSION } from '../../../shared/api/contract';
import { HttpTransport } from '../../../shared/api/httpTransport';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { signIn, startTempServer } from '../../support/tempServer';

const RETAIL_DIR = process.env.AISER_BENCH_DIR ? path.resolve(process.env.AISER_BENCH_DIR, 'retail') : path.resolve(import.meta.dirname, '../../../../shared/bench/retail');
const PHRASING = 'This counts every order on record, across all stores and channels, so it is the whole business.';

interface Frame {
  event: string;
  data: { type?: string; text?: string; ok?: boolean; data?: { narrative?: string; route?: { engine: string } } };
  /** Which network read delivered the frame. */
  read: number;
}

describe('narrative streaming over SSE', () => {
  let server: Awaited<ReturnType<typeof startTempServer>>;
  let fake: FakeLlmServer;
  let token: string;
  let sourceId: string;
  let sourcesDir: string;

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1', AISER_OUTBOUND_ALLOW: '127.0.0.1' });
    fake = await FakeLlmServer.start();
    token = await signIn(server.url);
    const admin = new ApiClient(new HttpTransport(server.url, token));
    const me = await admin.call('auth/me', {});
    sourcesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-sse-src-'));
    const copy = path.join(sourcesDir, 'retail.sqlite');
    fs.copyFileSync(path.join(RETAIL_DIR, 'retail.sqlite'), copy);
    sourceId = (await admin.call('sources/create', { projectId: me.projects[0].id, name: 'Retail', config: { type: 'sqlite', path: copy } })).id;
    await admin.call('ai/saveProvider', { name: 'Fake', kind: 'openai-compatible', endpoint: fake.openAiUrl, model: 'fake-model', timeoutMs: 5_000, maxRetries: 0 });
  });
  afterAll(async () => {
    await fake.close();
    await server.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(sourcesDir, { recursive: true, force: true });
  });

  it('sends each phrased piece as its own event before the narrative and the result', async () => {
    fake.script({ kind: 'sql', sql: 'SELECT COUNT(*) AS orders FROM orders' }, { reply: { kind: 'text', text: PHRASING }, chunkDelayMs: 20 });

    const response = await fetch(`${server.url}/api/${API_VERSION}/chat/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ question: 'how many orders are on record', sourceId, mode: 'llm' }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const frames = await readFrames(response);

    const tokens = frames.filter((f) => f.data.type === 'narrativeToken');
    const narrative = frames.findIndex((f) => f.data.type === 'narrative');
    const result = frames.findIndex((f) => f.event === 'result');
    expect(tokens.length).toBeGreaterThan(2);
    expect(tokens.map((f) => f.data.text).join('')).toBe(PHRASING);
    expect(frames.indexOf(tokens.at(-1)!)).toBeLessThan(narrative);
    expect(narrative).toBeLessThan(result);
    // The pieces reached the client over several reads, not in one body at the end.
    expect(new Set(tokens.map((f) => f.read)).size).toBeGreaterThan(1);
    expect(tokens[0].read).toBeLessThan(frames[result].read);
    expect(frames[result].data).toMatchObject({ ok: true, data: { narrative: PHRASING, route: { engine: 'llm' } } });
  });
});

async function readFrames(response: Response): Promise<Frame[]> {
  const frames: Frame[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let read = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    read += 1;
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data) frames.push({ event, data: JSON.parse(data) as Frame['data'], read });
    }
  }
  return frames;
}
