import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExact, inferFormat } from '../../../shared/charts/format';
import { artifactsDir, call, demoDashboard, pdfPages, pdfText, run, startReportServer, tempDir, WIDGETS, type ReportServer } from '../../support/reportWorkspace';

interface Run { id: string; status: string; fileName: string; format: string }
interface Download { fileName: string; mimeType: string; base64: string }
interface QueryResult { rows: Array<Array<string | number | null>> }

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('reports rendered from a demo dashboard and a conversation, checked with independent tools', () => {
  let server: ReportServer;
  let token: string;
  let dashboardId: string;
  let sourceId: string;
  let conversationId: string;
  let topRegion: { name: string; revenue: number };
  const dir = tempDir('aiser-report-files-');

  async function render(origin: unknown, format: 'pdf' | 'pptx' | 'html', audience: string, name: string): Promise<string> {
    const created = await call<Run>(server, 'reports/create', { origin, format, audience }, token);
    expect(created.status).toBe('succeeded');
    const file = await call<Download>(server, 'reports/download', { runId: created.id }, token);
    const target = path.join(dir, `${name}.${format}`);
    fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
    return target;
  }

  beforeAll(async () => {
    ({ server, token } = await startReportServer());
    ({ dashboardId, sourceId } = await demoDashboard(server, token));
    const byRegion = await call<QueryResult>(server, 'query/run', { sourceId, sql: WIDGETS[0].sql }, token);
    topRegion = { name: String(byRegion.rows[0][0]), revenue: Number(byRegion.rows[0][1]) };
    const first = await call<{ conversationId: string; kind: string }>(server, 'chat/ask', { sourceId, question: 'total revenue by region', mode: 'offline' }, token);
    await call(server, 'chat/ask', { sourceId, question: 'number of orders by channel', mode: 'offline', conversationId: first.conversationId }, token);
    conversationId = first.conversationId;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('PDF: headline numbers exactly as the query gives them, contents pointing at the right pages, numbered pages', async () => {
    const file = await render({ kind: 'dashboard', dashboardId }, 'pdf', 'executive', 'dashboard-executive');
    const pages = pdfPages(file);
    const text = flat(pdfText(file));
    expect(text).toContain(formatExact(topRegion.revenue, 'currency'));
    expect(text).toContain(topRegion.name);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('CONFIDENTIAL');
    const contents = pdfText(file, 2);
    const entries = [...contents.matchAll(/^(.+?)\n?(\d+)$/gm)];
    expect(contents).toContain('Contents');
    for (const heading of ['Executive summary', 'Findings', 'Recommendations', 'Technical appendix']) {
      if (!contents.includes(heading)) continue;
      const page = Number(new RegExp(`${heading}\\s+(\\d+)`).exec(flat(contents))?.[1]);
      expect(page, `${heading} in contents`).toBeGreaterThan(2);
      expect(flat(pdfText(file, page))).toContain(heading);
    }
    expect(entries.length).toBeGreaterThan(0);
    run('pdftoppm', ['-r', '60', '-png', file, path.join(artifactsDir(), 'report-dashboard-pdf')]);
  });

  it('PDF: the board gets one page of summary and fewer pages than the analyst, whose copy has the SQL', async () => {
    const board = await render({ kind: 'dashboard', dashboardId }, 'pdf', 'board', 'dashboard-board');
    const analyst = await render({ kind: 'dashboard', dashboardId }, 'pdf', 'analyst', 'dashboard-analyst');
    expect(pdfPages(board)).toBeLessThan(pdfPages(analyst));
    expect(flat(pdfText(board, 3))).toContain('Executive summary');
    expect(flat(pdfText(board))).not.toContain('SELECT');
    expect(flat(pdfText(analyst))).toContain('GROUP BY');
    run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '4', board, path.join(artifactsDir(), 'report-board-pdf')]);
  });

  it('PDF from a conversation: its answers’ figures, re-run now', async () => {
    const file = await render({ kind: 'conversation', conversationId }, 'pdf', 'executive', 'conversation');
    const text = flat(pdfText(file));
    const { messages } = await call<{ messages: Array<{ answer?: { sql?: string } }> }>(server, 'conversations/get', { id: conversationId }, token);
    const sqls = messages.flatMap((m) => (m.answer?.sql ? [m.answer.sql] : []));
    expect(sqls.length).toBe(2);
    for (const sql of sqls) {
      const result = await call<QueryResult & { columns: Array<{ name: string }> }>(server, 'query/run', { sourceId, sql }, token);
      const top = result.rows.reduce((a, b) => (Number(b[1]) > Number(a[1]) ? b : a));
      expect(text).toContain(String(top[0]));
      const measure = result.columns[1].name;
      expect(text).toContain(formatExact(top[1], inferFormat(measure, 'number', result.rows.map((r) => r[1]))));
    }
    expect(pdfPages(file)).toBeGreaterThanOrEqual(4);
  });

  it('PowerPoint: LibreOffice Impress converts it without error; its charts are c:chart parts carrying their data', async () => {
    const file = await render({ kind: 'dashboard', dashboardId }, 'pptx', 'executive', 'dashboard');
    const listing = run('unzip', ['-Z1', file]);
    const charts = listing.split('\n').filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    expect(charts.length).toBe(3);
    const xml = charts.map((c) => run('unzip', ['-p', file, c])).join('\n');
    expect(xml).toContain('<c:chart>');
    expect(xml).toContain(`<c:v>${topRegion.name}</c:v>`);
    expect(xml).toMatch(new RegExp(`<c:v>${String(topRegion.revenue).replace('.', '\\.')}`));
    expect(listing).toMatch(/ppt\/embeddings\/.+\.xlsx/);
    expect(listing).toMatch(/ppt\/notesSlides\/notesSlide\d+\.xml/);
    const out = tempDir('aiser-soffice-');
    run('soffice', ['--headless', `-env:UserInstallation=file://${out}/profile`, '--convert-to', 'pdf', '--outdir', out, file]);
    const pdf = path.join(out, 'dashboard.pdf');
    const slides = listing.split('\n').filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
    expect(pdfPages(pdf)).toBe(slides);
    expect(flat(pdfText(pdf))).toContain(formatExact(topRegion.revenue, 'currency'));
    run('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '4', pdf, path.join(artifactsDir(), 'report-pptx')]);
    const fromConversation = await render({ kind: 'conversation', conversationId }, 'pptx', 'analyst', 'conversation');
    expect(run('unzip', ['-Z1', fromConversation])).toMatch(/ppt\/charts\/chart\d+\.xml/);
  });

  describe('interactive HTML in Chromium with the network blocked', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: process.env.AISER_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    });
    afterAll(async () => browser?.close());

    it('shows every chart, answers hover and legend clicks, and makes zero requests', async () => {
      for (const [origin, name] of [[{ kind: 'dashboard', dashboardId }, 'dashboard'], [{ kind: 'conversation', conversationId }, 'conversation']] as const) {
        const file = await render(origin, 'html', 'analyst', `${name}-analyst`);
        const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
        const requests: string[] = [];
        await context.route('**/*', (route) => {
          if (route.request().url() === `file://${file}`) return route.continue();
          requests.push(route.request().url());
          return route.abort();
        });
        const page = await context.newPage();
        await page.goto(`file://${file}`);
        const findings = await page.locator('section.finding').count();
        const charts = page.locator('svg.chart');
        expect(await charts.count()).toBeGreaterThanOrEqual(name === 'dashboard' ? 3 : 2);
        expect(findings).toBeGreaterThanOrEqual(await charts.count());
        for (const chart of await charts.all()) {
          const box = await chart.boundingBox();
          expect(box!.width).toBeGreaterThan(300);
          expect(await chart.locator('[data-tip]').count()).toBeGreaterThan(0);
        }
        const bar = charts.first().locator('[data-tip]').first();
        await bar.hover();
        await expect.poll(() => page.locator('.tooltip').textContent()).toContain(':');
        expect(await page.locator('.tooltip').isVisible()).toBe(true);
        await page.screenshot({ path: path.join(artifactsDir(), `report-${name}-html.png`), fullPage: false });
        expect(requests).toEqual([]);
        await context.close();
      }
    });

    it('a legend click hides and shows a series', async () => {
      const file = path.join(dir, 'dashboard-analyst.html');
      const page = await browser.newPage();
      await page.goto(`file://${file}`);
      const html = fs.readFileSync(file, 'utf8');
      expect(html).not.toMatch(/(src|href)="https?:/);
      const toggle = page.locator('[data-toggle]').first();
      if (await toggle.count()) {
        await toggle.click();
        expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      }
      const sortable = page.locator('th[data-col]').first();
      await sortable.click();
      expect(await sortable.getAttribute('aria-sort')).toBe('ascending');
      await page.close();
    });
  });

  it('refuses an unknown format and a dashboard the caller cannot see, with clear errors', async () => {
    const { post } = await import('../../support/tempServer');
    const bad = await post(server.url, 'reports/create', { origin: { kind: 'dashboard', dashboardId }, format: 'docx' }, token);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
    const missing = await post(server.url, 'reports/create', { origin: { kind: 'dashboard', dashboardId: 'no-such-dashboard' }, format: 'pdf' }, token);
    expect(missing.body.error?.code).toBe('NOT_FOUND');
  });
});
