// Report benchmark: a 20-page PDF and a 15-slide PowerPoint from a demo dashboard, each timed end
// to end (queries + rendering), against the baseline of running the same dashboard's queries.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemContext } from '../shared/types/auth';
import { call, demoDashboard, startReportServer, WIDGETS } from '../tests/support/reportWorkspace';

function pages(file: string): number | null {
  const out = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return out.status === 0 ? Number(/Pages:\s+(\d+)/.exec(out.stdout)?.[1]) : null;
}

export async function benchReports() {
  const { server, token } = await startReportServer();
  try {
    const widgets = Array.from({ length: 3 }, () => WIDGETS).flat();
    const { dashboardId } = await demoDashboard(server, token, widgets);
    const me = await call<{ id: string; orgId: string }>(server, 'auth/me', {}, token);
    const { reports, auth, store } = server.container.services;
    const ctx = await auth.contextFor(await store.users.get(systemContext(me.orgId), me.id), 'bench');
    const origin = { kind: 'dashboard' as const, dashboardId };
    let t = performance.now();
    await reports.build(ctx, { origin, audience: 'analyst' });
    const queriesMs = performance.now() - t;
    t = performance.now();
    const pdf = await reports.create(ctx, { origin, audience: 'analyst', format: 'pdf' });
    const pdfMs = performance.now() - t;
    const pdfFile = path.join(os.tmpdir(), `aiser-bench-${Date.now()}.pdf`);
    fs.writeFileSync(pdfFile, pdf.file);
    t = performance.now();
    const pptx = await reports.create(ctx, { origin: { kind: 'dashboard', dashboardId }, audience: 'executive', format: 'pptx' });
    const pptxMs = performance.now() - t;
    const pptxFile = pdfFile.replace(/\.pdf$/, '.pptx');
    fs.writeFileSync(pptxFile, pptx.file);
    const slides = spawnSync('unzip', ['-Z1', pptxFile], { encoding: 'utf8' }).stdout.split('\n').filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
    return {
      widgets: widgets.length, baseline_queries_ms: Math.round(queriesMs),
      pdf_pages: pages(pdfFile), pdf_ms: Math.round(pdfMs), pdf_vs_queries_ratio: Number((pdfMs / queriesMs).toFixed(2)), pdf_bytes: pdf.file.length,
      pptx_slides: slides, pptx_ms: Math.round(pptxMs), pptx_vs_queries_ratio: Number((pptxMs / queriesMs).toFixed(2)), pptx_bytes: pptx.file.length,
      targets: { pdf_pages: 20, pptx_slides: 15 },
    };
  } finally {
    await server.close();
  }
}
