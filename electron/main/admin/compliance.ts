import type { RequestContext } from '../../../shared/types/auth';
import { reportFormat } from '../reports/formats/registry';
import type { AuditEvent, Store } from '../store';
import { complianceReport } from './compliancePdf';

/** Which audit actions belong to which section of the compliance report, as data. */
const SECTIONS: Array<{ section: string; matches: (action: string) => boolean }> = [
  { section: 'exports', matches: (a) => a.includes('export') },
  { section: 'ai operations', matches: (a) => a.startsWith('ai.') },
  { section: 'access', matches: (a) => a === 'query.run' || a.startsWith('auth.') || a.startsWith('query.') },
  { section: 'policy changes', matches: (a) => /^(policies|org|project|user|source|platform)\./.test(a) || a === 'alert.rule_saved' },
];

const HEADER = ['section', 'at', 'who', 'action', 'target', 'details'];

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value; // no formula injection in spreadsheets
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Compliance report for an organization and period: who accessed what, exports, AI operations,
 *  policy changes and alerts, one CSV row per event, from the audit trail and the alerts table. */
export class ComplianceReports {
  constructor(private readonly store: Store) {}

  async csv(ctx: RequestContext, from: string, to: string): Promise<{ content: string; rows: number; sections: Record<string, number> }> {
    const { lines, sections } = await this.entries(ctx, from, to);
    const content = [HEADER, ...lines].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return { content, rows: lines.length, sections };
  }

  /** The same report as a PDF drawn by the reports module, in the organization's colours. */
  async pdf(ctx: RequestContext, from: string, to: string): Promise<{ content: Buffer; rows: number; sections: Record<string, number> }> {
    const { lines, sections } = await this.entries(ctx, from, to);
    const [org, reader] = await Promise.all([this.store.organizations.get(ctx), this.store.users.get(ctx, ctx.userId).catch(() => null)]);
    const report = complianceReport({ organization: org, preparedFor: reader?.name ?? 'Administrators', from, to, generatedAt: new Date().toISOString(), entries: lines.map(([section, ...row]) => ({ section, row })) });
    return { content: await reportFormat('pdf').render(report), rows: lines.length, sections };
  }

  /** One row per event (section, at, who, action, target, details), audit events then alerts. */
  private async entries(ctx: RequestContext, from: string, to: string): Promise<{ lines: string[][]; sections: Record<string, number> }> {
    const since = new Date(`${from}T00:00:00.000Z`);
    const until = new Date(new Date(`${to}T00:00:00.000Z`).getTime() + 86_400_000);
    const people = new Map((await this.store.users.list(ctx)).map((u) => [u.id, u.email]));
    const who = (id: string) => people.get(id) ?? id;
    const lines: string[][] = [];
    const sections: Record<string, number> = {};
    for (const event of await this.eventsBetween(ctx, since, until)) {
      const section = SECTIONS.find((s) => s.matches(event.action))?.section;
      if (!section) continue;
      sections[section] = (sections[section] ?? 0) + 1;
      lines.push([section, event.at, who(event.actorId), event.action, event.target ?? '', JSON.stringify(event.details)]);
    }
    for (const alert of (await this.store.alerts.list(ctx, { status: 'all', since, until })).reverse()) {
      sections.alerts = (sections.alerts ?? 0) + 1;
      const state = alert.resolvedAt ? `resolved by ${who(alert.resolvedBy ?? '')}` : alert.acknowledgedAt ? `acknowledged by ${who(alert.acknowledgedBy ?? '')}` : 'open';
      lines.push(['alerts', alert.createdAt, 'system', `alert.${alert.severity}`, alert.kind ?? '', `${alert.message} (${state})`]);
    }
    return { lines, sections };
  }

  private async eventsBetween(ctx: RequestContext, since: Date, until: Date): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await this.store.audit.list(ctx, { afterSeq: after, limit: 1000 });
      for (const event of page) if (new Date(event.at) >= since && new Date(event.at) < until) events.push(event);
      if (page.length < 1000) return events;
      after = page[page.length - 1].seq;
    }
  }
}
