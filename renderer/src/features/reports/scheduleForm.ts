import type { ReportOrigin } from '../../../../shared/api/domains/reports';
import type { InsightWindow } from '../../../../shared/reports/insightsPeriod';
import { formatRunTime, upcomingRuns } from '../../../../shared/reports/schedulePreview';

export type SourceKind = 'dashboard' | 'conversation' | 'insights';

/** What a schedule can be built from, as the person picks it. */
export interface SourceChoice { kind: SourceKind; id: string; label: string }

/** Form fields an error from the server can point at. */
export type ScheduleField = 'source' | 'cron' | 'timezone' | 'recipients' | 'folder' | 'general';

export const CRON_PRESETS: Array<{ label: string; cron: string }> = [
  { label: 'Mondays 08:00', cron: '0 8 * * 1' },
  { label: 'Every day 07:00', cron: '0 7 * * *' },
  { label: '1st of the month 06:30', cron: '30 6 1 * *' },
];

export const INSIGHT_WINDOW_LABELS: Record<InsightWindow, string> = { 'last-month': 'Last month', 'last-7-days': 'Last 7 days', 'last-30-days': 'Last 30 days', 'month-to-date': 'Month to date' };

export function originOf(choice: SourceChoice, window: InsightWindow): ReportOrigin {
  if (choice.kind === 'dashboard') return { kind: 'dashboard', dashboardId: choice.id };
  if (choice.kind === 'conversation') return { kind: 'conversation', conversationId: choice.id };
  return { kind: 'insights', projectId: choice.id, window };
}

/** The next runs as people read them, or the reason the expression cannot run. */
export function previewRuns(cron: string, timezone: string, count = 5): { runs: string[] } | { error: string } {
  try {
    const runs = upcomingRuns(cron, timezone, count, new Date());
    return { runs: runs.map((r) => formatRunTime(r, timezone)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** E-mail addresses typed one per line or separated by commas. */
export function parseRecipients(text: string): string[] {
  return text.split(/[\n,;]+/).map((e) => e.trim()).filter(Boolean);
}

/** Which field of the form a server error belongs to (its `field` is the request path). */
export function fieldOfError(field: string | undefined): ScheduleField {
  if (!field) return 'general';
  if (field.startsWith('report')) return 'source';
  const head = field.split('.')[0];
  return head === 'cron' || head === 'timezone' || head === 'recipients' || head === 'folder' ? head : 'general';
}

/** A server message shown next to its field: the request path is replaced by the address at fault. */
export function fieldMessage(message: string, field: string | undefined, recipients: string[]): string {
  const plain = message.replace(/^Invalid request field "[^"]*":\s*/, '');
  const index = /^recipients\.(\d+)/.exec(field ?? '')?.[1];
  const address = index === undefined ? undefined : recipients[Number(index)];
  return address && !plain.includes(address) ? `${address}: ${plain}` : plain;
}
