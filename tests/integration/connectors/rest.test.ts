import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector as createWithPolicy } from '../../../electron/main/connectors/registry';
import { ConnectorError, type SourceConfig } from '../../../electron/main/connectors/types';
import { OutboundPolicy } from '../../../electron/main/security/outboundAddresses';
import { collect, errorCodeOf } from './fixtures';

/** The test API listens on loopback, which sources may reach only when an administrator lists it. */
const createConnector = (config: SourceConfig) => createWithPolicy(config, { outbound: new OutboundPolicy(['127.0.0.1']) });

const TOKEN = 'Bearer s3cret-token';
const PAGES = [
  [
    { id: 1, team: 'Core', points: 5, done: true, meta: { tags: ['a'] } },
    { id: 2, team: 'Core', points: 3, done: false, meta: null },
  ],
  [
    { id: 3, team: 'Growth', points: 8, done: true },
    { id: 4, team: 'Growth', points: 1.5, done: true },
  ],
];

describe('REST JSON connector', () => {
  let baseUrl = '';
  const requestedPages: number[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/slow') return void setTimeout(() => response.end('{"items": []}'), 10_000);
    if (url.pathname === '/html') return void response.end('<html>nope</html>');
    if (request.headers.authorization !== TOKEN) {
      response.statusCode = 401;
      return void response.end('{"error": "unauthorized"}');
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    requestedPages.push(page);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ data: { items: PAGES[page - 1] ?? [] } }));
  });
  const source = (overrides: Partial<Extract<SourceConfig, { type: 'rest' }>> = {}): SourceConfig => ({
    type: 'rest', url: `${baseUrl}/tasks`, headers: { authorization: TOKEN }, recordsPath: 'data.items', pageParam: 'page', ...overrides,
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches every page, exposes the records as a table and answers SQL over them', async () => {
    const connector = createConnector(source({ tableName: 'tasks' }));
    requestedPages.length = 0;
    const result = await collect(connector.query('SELECT team, SUM(points) AS points, COUNT(*) AS tasks FROM tasks GROUP BY team ORDER BY team'));
    expect(result.rows).toEqual([['Core', 8, 2], ['Growth', 9.5, 2]]);
    expect(requestedPages).toEqual([1, 2, 3]);
  });

  it('introspects the record shape, with nested values as JSON text', async () => {
    const schema = await createConnector(source()).introspect();
    const records = schema.tables[0];
    expect(records.name).toBe('records');
    expect(records.columns.map((column) => [column.name, column.kind])).toEqual([
      ['id', 'number'], ['team', 'text'], ['points', 'number'], ['done', 'boolean'], ['meta', 'text'],
    ]);
    expect(records.rowCountEstimate).toBe(4);
    const meta = await collect(createConnector(source()).query('SELECT meta FROM records WHERE id = 1'));
    expect(meta.rows).toEqual([['{"tags":["a"]}']]);
  });

  it('stops at maxPages', async () => {
    requestedPages.length = 0;
    const result = await collect(createConnector(source({ maxPages: 1 })).query('SELECT count(*) AS n FROM records'));
    expect(result.rows).toEqual([[2]]);
    expect(requestedPages).toEqual([1]);
  });

  it('reports a refused token as AUTH_FAILED without echoing secrets', async () => {
    const connector = createConnector(source({ headers: { authorization: 'Bearer wrong' }, url: `${baseUrl}/tasks?api_key=topsecret` }));
    const error = await connector.test().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('AUTH_FAILED');
    expect(`${(error as Error).message} ${(error as ConnectorError).hint}`).not.toMatch(/topsecret|wrong|s3cret/);
  });

  it.each([
    ['a wrong records path', () => source({ recordsPath: 'data.rows' }), 'INVALID_CONFIG'],
    ['a non-JSON answer', () => source({ url: `${baseUrl}/html`, pageParam: undefined }), 'QUERY_FAILED'],
    ['an unreachable host', () => source({ url: 'http://127.0.0.1:1/tasks' }), 'HOST_UNREACHABLE'],
    ['an unsupported URL scheme', () => source({ url: 'file:///etc/passwd' }), 'INVALID_CONFIG'],
  ])('reports %s precisely', async (_label, config, expected) => {
    expect(await errorCodeOf(async () => createConnector(config()).test())).toBe(expected);
  });

  it('a slow API can be cancelled and times out', async () => {
    const slow = createConnector(source({ url: `${baseUrl}/slow`, recordsPath: 'items', pageParam: undefined }));
    const controller = new AbortController();
    const cancelled = errorCodeOf(() => collect(slow.query('SELECT * FROM records', { signal: controller.signal })));
    setTimeout(() => controller.abort(), 50);
    expect(await cancelled).toBe('CANCELLED');
    expect(await errorCodeOf(() => collect(slow.query('SELECT * FROM records', { timeoutMs: 100 })))).toBe('TIMEOUT');
  });
});
