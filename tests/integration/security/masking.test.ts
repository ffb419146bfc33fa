import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSqlPrompt } from '../../../electron/main/ai/sql/prompt';
import type { ContextBundle } from '../../../electron/main/context/types';
import { createLogger } from '../../../electron/main/logging';
import { maskPromptForRole } from '../../../electron/main/security/masking';
import { toCsv, toXlsx } from '../../../renderer/src/lib/tableExport';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, expectRefused, filesDir, firstSource, ok, type TestServer } from './fixtures';

const res2text = (value: unknown) => JSON.stringify(value);

type Result = { columns: Array<{ name: string; masked?: boolean }>; rows: Array<Array<string | number | null>>; rowCount: number };

describe('an analyst without PII access never receives an unmasked e-mail', () => {
  let server: TestServer;
  let admin: string;
  let analyst: { id: string; token: string };
  let sourceId: string;
  let projectId: string;
  let rawEmails: string[];
  const logged: string[] = [];

  const expectNoRawEmail = (payload: unknown) => {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    expect(rawEmails.filter((email) => text.includes(email))).toEqual([]);
  };

  beforeAll(async () => {
    // Everything the server logs at debug level during this suite is captured and checked at the end.
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
      logged.push(String(chunk));
      return write(chunk as string, ...(rest as []));
    });
    server = await startTempServer(undefined, { AISER_LOG_LEVEL: 'debug' });
    admin = await signIn(server.url);
    analyst = await addMember(server, admin, 'analyst', 'analyst@masking.example.com');
    ({ id: sourceId, projectId } = await firstSource(server, admin));
    const all = await ok<Result>(server, 'query/run', { sourceId, sql: 'SELECT email FROM customers' }, admin);
    rawEmails = all.rows.map((r) => String(r[0]));
    expect(rawEmails.length).toBeGreaterThan(100);
    expect(rawEmails.every((e) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(e))).toBe(true);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await cleanup(server);
  });

  it('query results and streamed pages are masked (partial by default), admins see the real value', async () => {
    const res = await ok<Result>(server, 'query/run', { sourceId, sql: 'SELECT customer_name, email FROM customers ORDER BY customer_id' }, analyst.token);
    expect(res.columns.find((c) => c.name === 'email')?.masked).toBe(true);
    expect(res.rows.every((r) => /^•••@/.test(String(r[1])))).toBe(true);
    expectNoRawEmail(res);
    const stream = await fetch(`${server.url}/api/v1/query/run`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${analyst.token}` },
      body: JSON.stringify({ sourceId, sql: 'SELECT * FROM customers' }),
    });
    const text = await stream.text();
    expect(text).toContain('"type":"page"');
    expectNoRawEmail(text);
    const preview = await ok<Result>(server, 'query/preview', { sourceId, table: 'customers', limit: 50 }, analyst.token);
    expectNoRawEmail(preview);
  });

  it('masks at the source: renamed, transformed, filtered, joined or whole-row e-mails come back masked', async () => {
    for (const sql of [
      'SELECT email AS contact FROM customers',
      "SELECT REPLACE(email, '@', ' at ') AS email_text FROM customers",
      'SELECT x.e FROM (SELECT email AS e FROM customers) x',
      'WITH c AS (SELECT * FROM customers) SELECT c.email AS a, SUBSTR(c.email, 2) AS b, unicode(SUBSTR(c.email, 1, 1)) AS code FROM c',
      'SELECT c FROM customers c',
    ]) {
      const res = await ok<Result>(server, 'query/run', { sourceId, sql }, analyst.token);
      expect(res.rowCount, sql).toBeGreaterThan(100);
      expectNoRawEmail(res);
    }
    const probe = await ok<Result>(server, 'query/run', { sourceId, sql: `SELECT COUNT(*) AS n FROM customers WHERE email = '${rawEmails[0]}'` }, analyst.token);
    expect(probe.rows).toEqual([[0]]);
    const asAdmin = await ok<Result>(server, 'query/run', { sourceId, sql: `SELECT email AS contact FROM customers WHERE email = '${rawEmails[0]}'` }, admin);
    expect(asAdmin.rows).toEqual([[rawEmails[0]]]);
  });

  it('exports of an analyst’s results (CSV, XLSX) carry no e-mail', async () => {
    const res = await ok<Result>(server, 'query/run', { sourceId, sql: 'SELECT customer_name, email FROM customers' }, analyst.token);
    expectNoRawEmail(toCsv(res));
    const xlsx = toXlsx(res);
    expectNoRawEmail(Buffer.from(xlsx).toString('latin1'));
    expect(Buffer.from(xlsx).toString('latin1')).toContain('[Content_Types].xml');
  });

  it('database errors do not echo e-mails the analyst did not type', async () => {
    for (const sql of ['SELECT CAST(email AS INTEGER) AS email FROM customers', 'SELECT email FROM customers ORDER BY CAST(email AS INTEGER)']) {
      const res = await post(server.url, 'query/run', { sourceId, sql }, analyst.token);
      expectRefused(res, 502, 'SOURCE_ERROR');
      expect(res.body.error?.message).toMatch(/Could not convert string '••••'/);
      expectNoRawEmail(res.body);
    }
    const asAdmin = await post(server.url, 'query/run', { sourceId, sql: 'SELECT CAST(email AS INTEGER) AS email FROM customers' }, admin);
    expect(rawEmails.some((email) => res2text(asAdmin).includes(email))).toBe(true);
  });

  it('chart data from dashboards is masked', async () => {
    const board = await ok<{ id: string }>(server, 'dashboards/create', { projectId, name: 'Contacts', shared: true }, admin);
    const placed = await ok<{ widgets: Array<{ id: string }> }>(server, 'dashboards/addWidget', {
      dashboardId: board.id, title: 'Contacts by segment', sourceId, sql: 'SELECT segment, email, COUNT(*) AS n FROM customers GROUP BY segment, email',
      chart: { type: 'bar', title: 'Contacts', x: 'email', y: ['n'] },
    }, admin);
    const data = await ok<Result>(server, 'dashboards/runWidget', { dashboardId: board.id, widgetId: placed.widgets[0].id }, analyst.token);
    expect(data.rowCount).toBeGreaterThan(100);
    expectNoRawEmail(data);
  });

  it('applies the organization’s masking style per column (hash, redact), and sampled-value detection', async () => {
    await ok(server, 'policies/set', { masking: { 'customers.email': 'hash', 'customers.segment': 'redact' } }, admin);
    const res = await ok<Result>(server, 'query/run', { sourceId, sql: 'SELECT segment, email FROM customers ORDER BY customer_id LIMIT 5' }, analyst.token);
    expect(res.rows.every((r) => r[0] === '••••' && /^#[0-9a-f]{16}$/.test(String(r[1])))).toBe(true);
    await ok(server, 'policies/set', { masking: {} }, admin);

    // A column with an innocent name whose sampled values are e-mails is masked as a whole.
    const dir = filesDir(server, 'crm');
    fs.writeFileSync(path.join(dir, 'leads.csv'), `lead_id,owner\n1,${rawEmails[0]}\n2,${rawEmails[1]}\n3,${rawEmails[2]}\n4,unknown\n`);
    const crm = await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'CRM', config: { type: 'files', path: dir } }, admin);
    const leads = await ok<Result>(server, 'query/run', { sourceId: crm.id, sql: 'SELECT lead_id, owner FROM leads ORDER BY lead_id' }, analyst.token);
    expect(leads.columns[1].masked).toBe(true);
    expect(leads.rows[3][1]).not.toBe('unknown');
    expectNoRawEmail(leads);
    expectNoRawEmail(await ok<Result>(server, 'query/run', { sourceId: crm.id, sql: 'SELECT owner AS o, lead_id FROM leads' }, analyst.token));
  });

  it('prompts sent to a language model for an analyst carry no e-mail, even after a failing model query', async () => {
    const fake = await FakeLlmServer.start();
    try {
      fake.script(
        { kind: 'sql', sql: 'SELECT CAST(email AS INTEGER) AS n FROM customers' },
        { kind: 'sql', sql: 'SELECT segment, email FROM customers ORDER BY customer_id LIMIT 20' },
      );
      await ok(server, 'ai/saveProvider', { name: 'Fake', kind: 'openai-compatible', endpoint: fake.openAiUrl, model: 'fake-model', timeoutMs: 5_000, maxRetries: 0 }, admin);
      const res = await post(server.url, 'chat/ask', { sourceId, question: 'list the contact address of each customer', mode: 'llm' }, analyst.token);
      expect(fake.requests.length).toBeGreaterThanOrEqual(2); // first SQL failed on the database, the repair prompt carried its error
      expect(FakeLlmServer.promptOf(fake.requests[1])).toContain('DATABASE ERROR');
      for (const request of fake.requests) expectNoRawEmail(FakeLlmServer.promptOf(request));
      expectNoRawEmail(res.body);
    } finally {
      await fake.close();
    }
  });

  it('answers cached for an analyst carry no e-mail (the second ask is served from the cache)', async () => {
    const question = { sourceId, question: 'show the email of each customer', mode: 'offline' };
    const first = await post(server.url, 'chat/ask', question, analyst.token);
    const second = await ok<{ route: { cached: boolean } }>(server, 'chat/ask', question, analyst.token);
    expect(second.route.cached).toBe(true);
    expectNoRawEmail(first.body);
    expectNoRawEmail(second);
  });

  it('prompts for a language model carry no e-mail when built for an analyst', () => {
    const bundle = {
      person: { userId: analyst.id, role: 'analyst' }, organization: { id: 'o' }, permittedSources: [], policies: [],
      question: `What did ${rawEmails[0]} order last month?`,
      conversation: { recentTurns: [{ role: 'user', text: `and ${rawEmails[1]}?`, sql: `SELECT * FROM customers WHERE email = '${rawEmails[2]}'` }] },
      source: { id: sourceId, dialect: 'duckdb', schemaVersion: 'v' },
      tables: [{ name: 'customers', columns: [{ name: 'email', type: 'VARCHAR', kind: 'text' }], joins: [] }],
      glossary: [{ text: `Key account contact: ${rawEmails[3]}` }],
      examples: [{ question: 'orders of a customer', sql: `SELECT * FROM orders o JOIN customers c USING (customer_id) WHERE c.email = '${rawEmails[4]}'` }],
      rankingMode: 'lexical', estimatedTokens: 0,
    } as unknown as ContextBundle;
    const messages = buildSqlPrompt({ bundle });
    expect(JSON.stringify(messages)).toContain(rawEmails[0]); // the unmasked prompt would leak…
    const sent = maskPromptForRole({ userId: analyst.id, orgId: 'o', role: 'analyst', projectIds: [], sessionId: 's' }, messages);
    expectNoRawEmail(sent); // …the one sent for an analyst does not
    expect(sent[1].content).toContain('SCHEMA:');
  });

  it('log lines mask e-mails in messages and fields, and nothing logged during this suite holds one', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    logger.error('api.internal', { call: 'query/run', error: new Error(`duplicate key ${rawEmails[0]}`), detail: `row for ${rawEmails[1]}`, nested: { to: [rawEmails[2]] } });
    expect(lines).toHaveLength(1);
    expectNoRawEmail(lines[0]);
    expect(lines[0]).toContain('•••@');
    expectNoRawEmail(logged.join(''));
  });
});

describe('row-level policies: people bound to one region only get that region’s rows', () => {
  let server: TestServer;
  let admin: string;
  let exec: { id: string; token: string };
  let analyst: { id: string; token: string };
  let sourceId: string;
  let projectId: string;

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    exec = await addMember(server, admin, 'executive', 'exec-eu@example.com');
    analyst = await addMember(server, admin, 'analyst', 'analyst-apac@example.com');
    ({ id: sourceId, projectId } = await firstSource(server, admin));
    await ok(server, 'policies/set', {
      rowPolicies: [
        { table: 'customers', column: 'region_id', roles: ['executive', 'analyst'], attribute: 'region' },
        { table: 'regions', column: 'region_id', roles: ['executive', 'analyst'], attribute: 'region' },
      ],
      userAttributes: { [exec.id]: { region: 2 }, [analyst.id]: { region: [3, 5] } },
    }, admin);
  });
  afterAll(() => cleanup(server));

  const SHAPES: Array<[string, string]> = [
    ['direct', 'SELECT DISTINCT region_id FROM customers ORDER BY region_id'],
    ['join', 'SELECT DISTINCT c.region_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id JOIN regions r ON r.region_id = c.region_id ORDER BY c.region_id'],
    ['left join from the other side', 'SELECT DISTINCT r.region_id FROM regions r LEFT JOIN customers c ON c.region_id = r.region_id ORDER BY r.region_id'],
    ['subquery', 'SELECT DISTINCT region_id FROM customers WHERE customer_id IN (SELECT customer_id FROM customers WHERE region_id IS NOT NULL) ORDER BY region_id'],
    ['cte', 'WITH c AS (SELECT * FROM customers) SELECT DISTINCT region_id FROM c ORDER BY region_id'],
    ['derived table', 'SELECT DISTINCT x.region_id FROM (SELECT region_id FROM customers UNION ALL SELECT region_id FROM regions) x ORDER BY x.region_id'],
  ];

  it('an executive sees only region 2 on every dashboard widget, whatever the SQL shape', async () => {
    const board = await ok<{ id: string }>(server, 'dashboards/create', { projectId, name: 'Regions', shared: true }, admin);
    for (const [title, sql] of SHAPES) {
      const placed = await ok<{ widgets: Array<{ id: string; title: string }> }>(server, 'dashboards/addWidget', { dashboardId: board.id, title, sourceId, sql, chart: { type: 'table', title, y: [] } }, admin);
      const widget = placed.widgets.find((w) => w.title === title);
      const asExec = await ok<Result>(server, 'dashboards/runWidget', { dashboardId: board.id, widgetId: widget?.id }, exec.token);
      expect({ title, rows: asExec.rows }).toEqual({ title, rows: [[2]] });
      const asAdmin = await ok<Result>(server, 'dashboards/runWidget', { dashboardId: board.id, widgetId: widget?.id }, admin);
      expect(asAdmin.rows).toEqual([[1], [2], [3], [4], [5]]);
    }
    const preview = await ok<Result>(server, 'query/preview', { sourceId, table: 'customers', limit: 1000 }, exec.token);
    expect(new Set(preview.rows.map((r) => r[preview.columns.findIndex((c) => c.name === 'region_id')]))).toEqual(new Set([2]));
  });

  it('an analyst bound to two regions gets exactly those through free SQL', async () => {
    for (const [title, sql] of SHAPES) {
      const res = await ok<Result>(server, 'query/run', { sourceId, sql }, analyst.token);
      expect({ title, rows: res.rows }).toEqual({ title, rows: [[3], [5]] });
    }
    const totals = await ok<Result>(server, 'query/run', { sourceId, sql: 'SELECT COUNT(*) AS n FROM orders o JOIN customers c USING (customer_id) WHERE c.region_id = 1' }, analyst.token);
    expect(totals.rows).toEqual([[0]]);
  });

  it('never serves one person’s region-filtered chat answer to another person of the same role', async () => {
    const other = await addMember(server, admin, 'executive', 'exec-latam@example.com');
    const current = await ok<{ rowPolicies: unknown[]; userAttributes: Record<string, unknown> }>(server, 'policies/get', {}, admin);
    await ok(server, 'policies/set', { rowPolicies: current.rowPolicies, userAttributes: { ...current.userAttributes, [other.id]: { region: 3 } } }, admin);
    const question = { question: 'How many customers are there?', sourceId, mode: 'offline' };
    const first = await ok<{ kind: string; result?: { rows: unknown[][] } }>(server, 'chat/ask', question, exec.token);
    const second = await ok<{ kind: string; route: { cached: boolean }; result?: { rows: unknown[][] } }>(server, 'chat/ask', question, other.token);
    expect(first.kind).toBe('answer');
    expect(second.route.cached).toBe(false);
    const inRegion = (region: number) => ok<Result>(server, 'query/run', { sourceId, sql: `SELECT COUNT(*) AS n FROM customers WHERE region_id = ${region}` }, admin);
    expect(first.result?.rows).toEqual((await inRegion(2)).rows);
    expect(second.result?.rows).toEqual((await inRegion(3)).rows);
    expect(first.result?.rows).not.toEqual(second.result?.rows);
  });

  it('refuses to run when a bound person has no attribute set (fails closed)', async () => {
    const unbound = await addMember(server, admin, 'analyst', 'analyst-unbound@example.com');
    const res = await post(server.url, 'query/run', { sourceId, sql: 'SELECT COUNT(*) AS n FROM customers' }, unbound.token);
    expectRefused(res, 403, 'FORBIDDEN');
    expect(res.body.error?.message).toMatch(/region/);
  });

  it('only admins can change policies; a person cannot widen their own region from their profile', async () => {
    expectRefused(await post(server.url, 'policies/set', { userAttributes: {} }, analyst.token), 403, 'FORBIDDEN');
    await ok(server, 'profile/update', { department: 'North America', preferences: { region: 1 } }, analyst.token);
    expect((await ok<Result>(server, 'query/run', { sourceId, sql: SHAPES[0][1] }, analyst.token)).rows).toEqual([[3], [5]]);
  });

  it('gives answer caches a fingerprint that differs per region binding and changes with the policy', async () => {
    const { policies } = server.container.services;
    const other = await addMember(server, admin, 'executive', 'exec-apac@example.com');
    await ok(server, 'policies/set', {
      rowPolicies: [{ table: 'customers', column: 'region_id', roles: ['executive', 'analyst'], attribute: 'region' }, { table: 'regions', column: 'region_id', roles: ['executive', 'analyst'], attribute: 'region' }],
      userAttributes: { [exec.id]: { region: 2 }, [analyst.id]: { region: [3, 5] }, [other.id]: { region: 3 } },
    }, admin);
    const asPerson = async (token: string) => policies.fingerprint(await server.container.services.auth.authenticate(token).then((c) => c!), sourceId);
    const [eu, apac, again] = [await asPerson(exec.token), await asPerson(other.token), await asPerson(exec.token)];
    expect(eu).not.toBe(apac);
    expect(eu).toBe(again);
  });

  it('rejects invalid policies with the field at fault', async () => {
    const res = await post(server.url, 'policies/set', { rowPolicies: [{ table: 'customers; DROP TABLE x', column: 'region_id', roles: ['executive'], attribute: 'region' }] }, admin);
    expectRefused(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error?.field).toBe('rowPolicies.0.table');
  });
});
