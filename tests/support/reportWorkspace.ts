import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { post, signIn, startTempServer } from './tempServer';

export type ReportServer = Awaited<ReturnType<typeof startTempServer>>;

export async function call<T>(server: ReportServer, key: string, body: unknown, token: string): Promise<T> {
  const res = await post(server.url, key, body, token);
  if (!res.body.ok) throw new Error(`${key} failed: ${res.status} ${JSON.stringify(res.body.error)}`);
  return res.body.data as T;
}

const REVENUE_BY_REGION = 'SELECT r.region_name AS region, SUM(oi.amount) AS revenue FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN customers c ON c.customer_id = o.customer_id JOIN regions r ON r.region_id = c.region_id GROUP BY r.region_name ORDER BY revenue DESC';
const MONTHLY_REVENUE = 'SELECT SUBSTR(CAST(o.order_date AS VARCHAR), 1, 7) AS month, SUM(oi.amount) AS revenue FROM order_items oi JOIN orders o ON o.order_id = oi.order_id GROUP BY 1 ORDER BY 1';
const ORDERS_BY_CHANNEL = 'SELECT channel, COUNT(*) AS orders FROM orders GROUP BY channel ORDER BY orders DESC';
const CUSTOMERS = 'SELECT customer_name, email, segment FROM customers ORDER BY customer_id LIMIT 80';

export const WIDGETS = [
  { title: 'Revenue by region', sql: REVENUE_BY_REGION, chart: { type: 'bar', title: '', x: 'region', y: ['revenue'], xFormat: 'text', yFormat: 'currency', xLabel: 'Region', yLabel: 'Revenue' } },
  { title: 'Monthly revenue', sql: MONTHLY_REVENUE, chart: { type: 'line', title: '', x: 'month', y: ['revenue'], xFormat: 'month', yFormat: 'currency', xLabel: 'Month', yLabel: 'Revenue' } },
  { title: 'Orders by channel', sql: ORDERS_BY_CHANNEL, chart: { type: 'donut', title: '', x: 'channel', y: ['orders'], yFormat: 'integer', yLabel: 'Orders' } },
  { title: 'Customers', sql: CUSTOMERS, chart: { type: 'table', title: 'Customers', y: [] } },
] as const;

/** A demo workspace with a shared dashboard (charts and a table with e-mail addresses). */
export async function demoDashboard(server: ReportServer, token: string, widgets: ReadonlyArray<(typeof WIDGETS)[number]> = WIDGETS): Promise<{ sourceId: string; dashboardId: string }> {
  const [source] = await call<Array<{ id: string; projectId: string }>>(server, 'sources/list', {}, token);
  const board = await call<{ id: string }>(server, 'dashboards/create', { projectId: source.projectId, name: 'Sales review', shared: true }, token);
  for (const w of widgets) await call(server, 'dashboards/addWidget', { dashboardId: board.id, title: w.title, sourceId: source.id, sql: w.sql, chart: w.chart }, token);
  return { sourceId: source.id, dashboardId: board.id };
}

export async function startReportServer(): Promise<{ server: ReportServer; token: string }> {
  const server = await startTempServer();
  return { server, token: await signIn(server.url) };
}

export function artifactsDir(): string {
  const dir = path.resolve('test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function run(cmd: string, args: string[], options: { cwd?: string } = {}): string {
  const out = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: options.cwd });
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${out.status}): ${out.stderr}`);
  return out.stdout;
}

export function pdfText(file: string, page?: number): string {
  return run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']);
}

export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
