import fs from 'node:fs';
import path from 'node:path';
import type { ReportOptions, ReportOrigin, ReportRunView } from '../../../shared/api/domains/reports';
import { formatValue } from '../../../shared/charts/format';
import { buildReport, type ReportRequest } from '../../../shared/reports/build';
import { buildInsightsReport } from '../../../shared/reports/fromInsights';
import { resolveInsightsPeriod } from '../../../shared/reports/insightsPeriod';
import type { Audience, Report, ReportFormatId } from '../../../shared/reports/model';
import type { ExecutiveSummarizer } from '../../../shared/reports/summary';
import { roleHas } from '../../../shared/types/permissions';
import type { RequestContext } from '../../../shared/types/auth';
import { savedBranding } from '../../../shared/types/tenant';
import { executiveSummary, inPeriod, type InsightsService } from '../insights';
import type { JsonObject, ReportRunRecord, Store } from '../store';
import { collectItems, type CollectDeps } from './collect';
import { renderHtml } from './formats/html';
import { regularFontBase64 } from './formats/fonts';
import { reportFormat } from './formats/registry';
import { fileSlug } from './formats/theme';

export type ReportProgress = (event: { stage: 'queries' | 'render' | 'save'; label: string; fraction: number; runId?: string }) => void;

export interface ReportsServiceOptions { dataDir: string; summarizer?: ExecutiveSummarizer; now?: () => Date }

/** Enough stored insights for any period someone reports on. */
const INSIGHTS_SCAN_LIMIT = 2_000;

/** Builds reports for a viewer (queries re-run now through the guarded path with the viewer's
 *  context), renders them and keeps the files in the organization's folder of the data dir. */
export class ReportsService {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: CollectDeps & { store: Store; insights?: InsightsService }, private readonly options: ReportsServiceOptions) {}

  private now(): Date { return this.options.now?.() ?? new Date(); }

  folderFor(orgId: string): string {
    return path.join(this.options.dataDir, 'reports', orgId);
  }

  /** The report model for this viewer: fresh figures, their masking, their depth. */
  async build(ctx: RequestContext, options: ReportOptions, io: { signal?: AbortSignal; onProgress?: ReportProgress } = {}): Promise<Report> {
    if (options.origin.kind === 'insights') return this.buildFromInsights(ctx, options, options.origin);
    const collected = await collectItems(this.deps, ctx, options.origin, { signal: io.signal, onProgress: (done, total) => io.onProgress?.({ stage: 'queries', label: `Running query ${done} of ${total}…`, fraction: (0.6 * done) / total }) });
    const request = await this.request(ctx, options, collected.title);
    const report = buildReport({ ...request, period: options.period ?? { label: `As of ${formatValue(request.generatedAt.slice(0, 10), 'date')}` }, summarizer: this.options.summarizer }, collected.items);
    if (collected.failures.length) report.appendix.methods.push(`Left out because they could not run for this reader: ${collected.failures.map((f) => `${f.title} (${f.message})`).join('; ')}.`);
    return report;
  }

  /** A report of a project's insights for a period: what this reader may see of them, with the
   *  insights' own deterministic executive summary. */
  private async buildFromInsights(ctx: RequestContext, options: ReportOptions, origin: Extract<ReportOrigin, { kind: 'insights' }>): Promise<Report> {
    if (!this.deps.insights) throw Object.assign(new Error('Reports of insights are not available in this build.'), { name: 'ConfigError' });
    const period = resolveInsightsPeriod(origin, this.now());
    const [project, all] = await Promise.all([this.deps.store.projects.get(ctx, origin.projectId), this.deps.insights.list(ctx, { projectId: origin.projectId, limit: INSIGHTS_SCAN_LIMIT })]);
    const records = all.filter((r) => inPeriod(r, period));
    const sourceNames = new Map<string, string>();
    for (const sourceId of new Set(records.flatMap((r) => (r.sourceId ? [r.sourceId] : [])))) {
      sourceNames.set(sourceId, await this.deps.sources.record(ctx, sourceId).then((s) => s.name, () => 'Data source'));
    }
    const request = await this.request(ctx, options, `${project.name}: insights`);
    return buildInsightsReport({ ...request, period: options.period ?? { label: period.label, from: period.from, to: period.to } }, records, executiveSummary(records, period), sourceNames);
  }

  private async request(ctx: RequestContext, options: ReportOptions, title: string): Promise<ReportRequest & { generatedAt: string }> {
    const [org, viewer] = await Promise.all([this.deps.store.organizations.get(ctx), ctx.userId === 'system' ? null : this.deps.store.users.get(ctx, ctx.userId)]);
    const branding = savedBranding(org.settings as Record<string, unknown>);
    return {
      title: options.title ?? title, audience: options.audience, sections: options.sections,
      organization: { name: org.name, primaryColor: branding.primary, accentColor: branding.accent },
      preparedFor: viewer ? `${viewer.name}` : undefined, preparedBy: viewer ? `${viewer.name} with Aiser` : 'Aiser',
      generatedAt: this.now().toISOString(), viewerSeesSql: roleHas(ctx.role, 'sql:see'),
    };
  }

  /** Throws NotFound unless the caller may see what the report is built from. */
  async assertOriginVisible(ctx: RequestContext, origin: ReportOptions['origin']): Promise<void> {
    if (origin.kind === 'dashboard') await this.deps.dashboards.get(ctx, origin.dashboardId);
    else if (origin.kind === 'insights') {
      await this.deps.store.projects.get(ctx, origin.projectId);
      resolveInsightsPeriod(origin, this.now());
    }
    else if (origin.kind === 'conversation') await this.deps.store.conversations.get(ctx, origin.conversationId);
    else await this.deps.store.messages.get(ctx, origin.messageId);
  }

  async preview(ctx: RequestContext, options: ReportOptions, io: { signal?: AbortSignal; onProgress?: ReportProgress } = {}): Promise<{ report: Report; html: string }> {
    const report = await this.build(ctx, options, io);
    return { report, html: renderHtml(report, regularFontBase64()) };
  }

  /** Renders a report to a file and records the run (and an audit event). */
  async create(ctx: RequestContext, options: ReportOptions & { format: ReportFormatId }, io: { signal?: AbortSignal; onProgress?: ReportProgress; scheduleId?: string; reportId?: string } = {}): Promise<{ run: ReportRunView; file: Buffer; report: Report }> {
    const format = reportFormat(options.format);
    const definition = io.reportId
      ? await this.deps.store.reports.get(ctx, io.reportId)
      : await this.deps.store.reports.create(ctx, { title: options.title ?? 'Report', origin: options.origin as unknown as JsonObject, settings: { audience: options.audience, sections: options.sections ?? null, period: options.period ?? null } as unknown as JsonObject });
    const run = await this.deps.store.reportRuns.start(ctx, { reportId: definition.id, scheduleId: io.scheduleId, format: format.id, audience: options.audience });
    const controller = new AbortController();
    const abort = () => controller.abort();
    io.signal?.addEventListener('abort', abort);
    this.running.set(run.id, controller);
    const progress: ReportProgress = (e) => io.onProgress?.({ ...e, runId: run.id });
    try {
      const report = await this.build(ctx, options, { signal: controller.signal, onProgress: progress });
      progress({ stage: 'render', label: `Rendering the ${format.label}…`, fraction: 0.65 });
      const file = await format.render(report, { signal: controller.signal, onProgress: (f) => progress({ stage: 'render', label: `Rendering the ${format.label}…`, fraction: 0.65 + 0.3 * f }) });
      progress({ stage: 'save', label: 'Saving…', fraction: 0.97 });
      const fileName = `${fileSlug(report)}-${report.generatedAt.slice(0, 10)}-${run.id.slice(0, 8)}.${format.extension}`;
      fs.mkdirSync(this.folderFor(ctx.orgId), { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(this.folderFor(ctx.orgId), fileName), file, { mode: 0o600 });
      const done = await this.deps.store.reportRuns.finish(ctx, run.id, { status: 'succeeded', fileName, fileSize: file.length });
      await this.deps.store.audit.append(ctx, { action: 'report.generate', target: definition.id, details: { runId: run.id, format: format.id, audience: options.audience, origin: options.origin.kind, scheduleId: io.scheduleId ?? null, bytes: file.length } });
      progress({ stage: 'save', label: 'Done', fraction: 1 });
      return { run: toView(done, report.title), file, report };
    } catch (error) {
      const cancelled = controller.signal.aborted;
      await this.deps.store.reportRuns.finish(ctx, run.id, { status: cancelled ? 'cancelled' : 'failed', error: (error as Error).message });
      if (cancelled) throw Object.assign(new Error('The report was cancelled.'), { name: 'AbortError' });
      throw error;
    } finally {
      io.signal?.removeEventListener('abort', abort);
      this.running.delete(run.id);
    }
  }

  async cancelRun(ctx: RequestContext, runId: string): Promise<boolean> {
    const controller = this.running.get(runId);
    if (!controller) return false;
    await this.deps.store.reportRuns.get(ctx, runId);
    controller.abort();
    return true;
  }

  async list(ctx: RequestContext, filter: { reportId?: string; scheduleId?: string } = {}): Promise<ReportRunView[]> {
    const [runs, reports] = await Promise.all([this.deps.store.reportRuns.list(ctx, filter), this.deps.store.reports.list(ctx)]);
    const titles = new Map(reports.map((r) => [r.id, r.title]));
    return runs.map((r) => toView(r, titles.get(r.reportId) ?? 'Report'));
  }

  async download(ctx: RequestContext, runId: string): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
    const run = await this.deps.store.reportRuns.get(ctx, runId);
    if (run.status !== 'succeeded' || !run.fileName) throw Object.assign(new Error(`This report has no file: it ${run.status === 'running' ? 'is still rendering' : run.status}.`), { name: 'ConflictError' });
    const file = path.join(this.folderFor(ctx.orgId), path.basename(run.fileName));
    if (!fs.existsSync(file)) throw Object.assign(new Error('The report file is no longer in the data folder; generate the report again.'), { name: 'NotFoundError' });
    await this.deps.store.audit.append(ctx, { action: 'report.download', target: run.reportId, details: { runId } });
    return { fileName: run.fileName, mimeType: reportFormat(run.format).mimeType, content: fs.readFileSync(file) };
  }
}

export function toView(run: ReportRunRecord, title: string): ReportRunView {
  const deliveries = Array.isArray((run.deliveries as { items?: unknown } | null)?.items) ? ((run.deliveries as unknown as { items: ReportRunView['deliveries'] }).items) : [];
  return {
    id: run.id, reportId: run.reportId, title, scheduleId: run.scheduleId, format: run.format as ReportFormatId, audience: run.audience as Audience,
    status: run.status as ReportRunView['status'], fileName: run.fileName, fileSize: run.fileSize, error: run.error, deliveries,
    createdAt: run.createdAt, finishedAt: run.finishedAt,
  };
}
