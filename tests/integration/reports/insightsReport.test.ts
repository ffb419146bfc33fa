import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutiveSummary, StoredInsight } from '../../../shared/api/domains/insights';
import type { RequestContext } from '../../../shared/types/auth';
import { artifactsDir, call, pdfText, run, startReportServer, tempDir, type ReportServer } from '../../support/reportWorkspace';

interface Run { id: string; status: string }
interface Download { base64: string }

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** A report built from the insights of a period: the insights' executive summary and evidence,
 *  rendered to a real PDF and read back with pdftotext. */
describe('report of a project’s insights for a period', () => {
  let server: ReportServer;
  let token: string;
  let source: { id: string; projectId: string };
  const dir = tempDir('aiser-insights-report-');
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ({ server, token } = await startReportServer());
    [source] = await call<Array<{ id: string; projectId: string }>>(server, 'sources/list', {}, token);
    const ctx = (await server.container.services.auth.authenticate(token)) as RequestContext;
    await server.container.services.chat.ask(ctx, { question: 'forecast revenue for next quarter', sourceId: source.id, mode: 'offline' }, { signal: new AbortController().signal, emit: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('leads with the insights’ executive summary and prints each finding’s evidence as stored', async () => {
    const stored = await call<StoredInsight[]>(server, 'insights/list', { projectId: source.projectId }, token);
    expect(stored.length).toBeGreaterThan(0);
    const summary = await call<ExecutiveSummary>(server, 'insights/summary', { projectId: source.projectId, from: '2020-01-01', to: today }, token);
    const created = await call<Run>(server, 'reports/create', { origin: { kind: 'insights', projectId: source.projectId, from: '2020-01-01', to: today }, format: 'pdf', audience: 'analyst' }, token);
    expect(created.status).toBe('succeeded');
    const file = path.join(dir, 'insights.pdf');
    fs.writeFileSync(file, Buffer.from((await call<Download>(server, 'reports/download', { runId: created.id }, token)).base64, 'base64'));
    const text = flat(pdfText(file));
    expect(text).toContain(flat(summary.headline).slice(0, 60));
    const insight = stored[0].insight;
    expect(text).toContain(flat(insight.headline).slice(0, 60));
    for (const n of insight.evidence.numbers.slice(0, 3)) expect(text).toContain(n.text);
    run('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '3', file, path.join(artifactsDir(), 'report-insights')]);
  });

  it('resolves a rolling window at build time and refuses half a period with a clear message', async () => {
    const preview = await call<{ report: { period: { from?: string; to?: string } } }>(server, 'reports/preview', { origin: { kind: 'insights', projectId: source.projectId, window: 'last-30-days' }, audience: 'board' }, token);
    expect(preview.report.period.to! < today).toBe(true);
    const res = await server.container.services.reports.build((await server.container.services.auth.authenticate(token)) as RequestContext, { origin: { kind: 'insights', projectId: source.projectId, from: today }, audience: 'board' }).catch((e: Error) => e);
    expect((res as Error).message).toContain('Give both `from` and `to`');
  });
});
