import type { AuditEvent } from '../store';

const COLUMNS = ['seq', 'at', 'actorId', 'action', 'target', 'details', 'prevHash', 'hash'] as const;

/** One CSV cell: quoted when needed, and prefixed with ' when a spreadsheet would run it as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditEventsToCsv(events: readonly AuditEvent[]): string {
  const lines = [COLUMNS.join(',')];
  for (const event of events) lines.push(COLUMNS.map((column) => csvCell(event[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
