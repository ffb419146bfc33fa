/** Fault injection against fake LLM servers: failover, fallback to the offline engine, circuit
 *  breaker life cycle and cancellation reaching the HTTP call. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { openAiHarness, type AiHarness } from './harness';

const COUNT_SQL = 'SELECT COUNT(*) AS orders FROM orders';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AI resilience (fake providers, real SQLite source)', () => {
  let h: AiHarness;
  let a: FakeLlmServer;
  let b: FakeLlmServer;

  beforeAll(async () => {
    h = await openAiHarness({ resilience: { breakerThreshold: 2, breakerCooldownMs: 400 }, modelBudgetMs: 2_500 });
  });
  afterEach(async () => {
    for (const provider of await h.stack.ai.listProviders(h.orgA.as('admin'))) await h.stack.ai.removeProvider(h.orgA.as('admin'), provider.id);
    await a?.close();
    await b?.close();
  });
  afterAll(async () => h.close());

  it('fails over from a provider that times out to the next one, which answers', async () => {
    a = await FakeLlmServer.start();
    b = await FakeLlmServer.start();
    a.setDefault({ kind: 'hang' });
    b.setDefault({ kind: 'sql', sql: COUNT_SQL, explanation: 'Counts the orders.' });
    const admin = h.orgA.as('admin');
    await h.addProvider(admin, { name: 'A', endpoint: a.openAiUrl, timeoutMs: 1_000, priority: 1 });
    const idB = await h.addProvider(admin, { name: 'B', endpoint: b.openAiUrl, priority: 2 });

    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'how many orders do we have', mode: 'llm' });

    expect(answer.kind).toBe('answer');
    expect(answer.route).toMatchObject({ engine: 'llm', provider: idB });
    expect(answer.sql).toMatch(/COUNT\(\*\)/i);
    expect(Number(answer.result?.rows[0][0])).toBeGreaterThan(0);
    await a.waitForClientClose();
    expect(a.requests[0].closedByClient).toBe(true);
  });

  it('answers with the offline engine when every provider is down', async () => {
    a = await FakeLlmServer.start();
    b = await FakeLlmServer.start();
    a.setDefault({ kind: 'status', status: 500 });
    b.setDefault({ kind: 'status', status: 503 });
    const admin = h.orgA.as('admin');
    await h.addProvider(admin, { name: 'A', endpoint: a.openAiUrl, priority: 1 });
    await h.addProvider(admin, { name: 'B', endpoint: b.openAiUrl, priority: 2 });

    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'What was our total revenue in 2025?', mode: 'llm' });

    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(1);
    expect(answer.kind).toBe('answer');
    expect(answer.route.engine).toBe('offline');
    expect(answer.headline).toMatch(/\$55\.3M/);
    // A 500 is a server error, not a time-out: the person is told which.
    expect(answer.narrative).toMatch(/reported a server error; the built-in engine answered/);
    expect(answer.narrative).not.toMatch(/in time/);
  });

  it('opens the breaker after repeated failures, half-opens after the cool-down and closes on success', async () => {
    a = await FakeLlmServer.start();
    a.setDefault({ kind: 'status', status: 500 });
    const admin = h.orgA.as('admin');
    const id = await h.addProvider(admin, { name: 'A', endpoint: a.openAiUrl });
    const breaker = async () => (await h.stack.ai.status(admin)).providers.find((p) => p.id === id)?.health.breaker;
    const ask = () => h.ask(h.orgA.as('analyst'), { question: 'how many orders were placed', mode: 'llm' });

    await ask();
    expect(await breaker()).toBe('closed');
    await ask();
    expect(await breaker()).toBe('open');

    const third = await ask();
    expect(a.requests).toHaveLength(2); // skipped while open: no request reached the server
    expect(third.answer.route.engine).toBe('offline');

    await sleep(450);
    expect(await breaker()).toBe('half-open');
    a.setDefault({ kind: 'sql', sql: COUNT_SQL });
    const fourth = await ask();
    expect(fourth.answer.route).toMatchObject({ engine: 'llm', provider: id });
    expect(await breaker()).toBe('closed');
  });

  it('cancelling a question aborts the in-flight HTTP request', async () => {
    a = await FakeLlmServer.start();
    a.setDefault({ kind: 'hang' });
    await h.addProvider(h.orgA.as('admin'), { name: 'A', endpoint: a.openAiUrl, timeoutMs: 60_000 });
    const controller = new AbortController();

    const pending = h.ask(h.orgA.as('analyst'), { question: 'count all orders please', mode: 'llm' }, controller.signal);
    await a.waitForRequests(1);
    controller.abort();

    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await a.waitForClientClose();
    expect(a.requests[0].closedByClient).toBe(true);
  });

  it('retries a rate-limited call and then succeeds on the same provider', async () => {
    a = await FakeLlmServer.start();
    a.script({ kind: 'status', status: 429 }).setDefault({ kind: 'sql', sql: COUNT_SQL });
    const id = await h.addProvider(h.orgA.as('admin'), { name: 'A', endpoint: a.openAiUrl, maxRetries: 2 });

    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'number of orders in total', mode: 'llm' });

    // The 429 and its retry (the streamed narrative phrasing follows as its own request).
    expect(a.requests.filter((r) => !r.stream)).toHaveLength(2);
    expect(answer.route).toMatchObject({ engine: 'llm', provider: id });
  });

  it('background health checks mark a failing provider unhealthy and the router routes around it', async () => {
    a = await FakeLlmServer.start();
    b = await FakeLlmServer.start();
    a.setDefault({ kind: 'status', status: 503 });
    b.setDefault({ kind: 'sql', sql: COUNT_SQL });
    const admin = h.orgA.as('admin');
    const idA = await h.addProvider(admin, { name: 'A', endpoint: a.openAiUrl, priority: 1 });
    const idB = await h.addProvider(admin, { name: 'B', endpoint: b.openAiUrl, priority: 2 });

    const status = await h.stack.ai.checkHealth(admin);
    expect(status.providers.find((p) => p.id === idA)?.health).toMatchObject({ status: 'unhealthy', lastError: expect.stringMatching(/503/) });
    expect(status.providers.find((p) => p.id === idB)?.health.status).toBe('healthy');
    const checksSeenByA = a.requests.length;

    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'orders placed overall', mode: 'llm' });
    expect(answer.route).toMatchObject({ engine: 'llm', provider: idB });
    expect(a.requests).toHaveLength(checksSeenByA);
  });

  it('stops waiting for models when the answer budget runs out and answers offline', async () => {
    a = await FakeLlmServer.start();
    b = await FakeLlmServer.start();
    a.setDefault({ kind: 'hang' });
    b.setDefault({ kind: 'sql', sql: COUNT_SQL });
    const admin = h.orgA.as('admin');
    await h.addProvider(admin, { name: 'Slow', endpoint: a.openAiUrl, timeoutMs: 30_000, priority: 1 });
    await h.addProvider(admin, { name: 'Never reached', endpoint: b.openAiUrl, priority: 2 });

    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'What was our total revenue in 2025?', mode: 'llm' });

    expect(answer.route.engine).toBe('offline');
    expect(answer.headline).toMatch(/\$55\.3M/);
    expect(b.requests).toHaveLength(0);
    await a.waitForClientClose();
  });
});
