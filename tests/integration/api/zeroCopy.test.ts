import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpStore } from '../../support/storeDump';
import { post, signIn, startTempServer } from '../../support/tempServer';

type Server = Awaited<ReturnType<typeof startTempServer>>;

/** Every text value stored anywhere in the app's store (all tables, all columns). */
function storedText(dataDir: string): string[] {
  return Object.values(dumpStore(dataDir)).flatMap((rows) => rows.flatMap((row) => Object.values(row).filter((v): v is string => typeof v === 'string')));
}

function round2Token(admin: string, analyst: string, question: string): string {
  return question.length % 2 ? admin : analyst;
}

function csvColumn(file: string, column: string): string[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const index = header.split(',').indexOf(column);
  return lines.map((line) => line.split(',')[index]).filter((v) => v && !v.startsWith('"'));
}

describe('zero data copy: a day of use leaves no source rows in the store', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTempServer();
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('stores metadata, SQL and lineage only', async () => {
    const admin = await signIn(server.url);
    const me = (await post(server.url, 'auth/me', {}, admin)).body.data as { projects: Array<{ id: string }> };
    const projectId = me.projects[0].id;
    for (const [email, role] of [['ana@example.com', 'analyst'], ['eve@example.com', 'executive']] as const) {
      expect((await post(server.url, 'users/create', { email, name: role, role, password: 'a-long-password' }, admin)).body.ok).toBe(true);
    }
    const sourceId = ((await post(server.url, 'sources/list', {}, admin)).body.data as Array<{ id: string }>)[0].id;
    const queries = [
      'SELECT customer_name, email, segment FROM customers',
      'SELECT c.customer_name, o.order_id, o.order_date, oi.amount FROM orders o JOIN customers c ON c.customer_id = o.customer_id JOIN order_items oi ON oi.order_id = o.order_id',
      'SELECT product_name, unit_price FROM products ORDER BY unit_price DESC',
      'SELECT segment, COUNT(*) AS customers FROM customers GROUP BY segment',
    ];
    const analyst = await signIn(server.url, 'ana@example.com', 'a-long-password');
    for (let round = 0; round < 5; round++) {
      for (const sql of queries) {
        expect((await post(server.url, 'query/run', { sourceId, sql }, round % 2 ? analyst : admin)).body.ok).toBe(true);
      }
      expect((await post(server.url, 'query/preview', { sourceId, table: 'customers' }, admin)).body.ok).toBe(true);
    }
    const board = (await post(server.url, 'dashboards/create', { projectId, name: 'Customers' }, admin)).body.data as { id: string };
    const chart = { type: 'table', title: 'All customers', y: ['customer_name'], alternatives: [] };
    const withWidget = (await post(server.url, 'dashboards/addWidget', { dashboardId: board.id, title: 'Customers', sourceId, sql: queries[0], chart }, admin)).body.data as { widgets: Array<{ id: string }> };
    expect((await post(server.url, 'dashboards/runWidget', { dashboardId: board.id, widgetId: withWidget.widgets[0].id }, admin)).body.ok).toBe(true);

    for (const question of ['List customers with their email', 'Show the customer names and segments', 'Revenue by region', 'How many orders by month?']) {
      const answer = await post(server.url, 'chat/ask', { question, sourceId }, round2Token(admin, analyst, question));
      expect(answer.body.ok, JSON.stringify(answer.body.error)).toBe(true);
    }

    const demoDir = path.join(server.dataDir, 'demo');
    const orgDir = path.join(demoDir, fs.readdirSync(demoDir)[0]);
    const sourceValues = [...csvColumn(path.join(orgDir, 'customers.csv'), 'email'), ...csvColumn(path.join(orgDir, 'customers.csv'), 'customer_name')];
    expect(sourceValues.length).toBeGreaterThan(1000);
    const stored = storedText(server.dataDir).join('\n');
    expect(stored).toContain('SELECT customer_name, email'); // widget SQL is stored (metadata)
    const leaked = sourceValues.filter((value) => stored.includes(value));
    expect(leaked).toEqual([]);
    const lineageRows = dumpStore(server.dataDir).query_lineage.length;
    expect(lineageRows).toBeGreaterThanOrEqual(25);
  });
});
