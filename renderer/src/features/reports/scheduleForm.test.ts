import { describe, expect, it } from 'vitest';
import { fieldMessage, fieldOfError, originOf, parseRecipients, previewRuns } from './scheduleForm';

describe('schedule form', () => {
  it('reads recipients typed one per line or separated by commas', () => {
    expect(parseRecipients(' a@example.com,\nb@example.com ;  \n')).toEqual(['a@example.com', 'b@example.com']);
  });

  it('puts a server error next to the field its path names', () => {
    expect(fieldOfError('cron')).toBe('cron');
    expect(fieldOfError('recipients.1.email')).toBe('recipients');
    expect(fieldOfError('report.origin.dashboardId')).toBe('source');
    expect(fieldOfError(undefined)).toBe('general');
    expect(fieldOfError('enabled')).toBe('general');
  });

  it('names the address at fault instead of the request path', () => {
    expect(fieldMessage('Invalid request field "recipients.1.email": Give a valid e-mail address.', 'recipients.1.email', ['a@example.com', 'nope'])).toBe('nope: Give a valid e-mail address.');
    expect(fieldMessage('x@y.example is not a member of this organization.', 'recipients.0.email', ['x@y.example'])).toBe('x@y.example is not a member of this organization.');
  });

  it('builds the report origin of each kind of source', () => {
    expect(originOf({ kind: 'insights', id: 'p1', label: 'Project' }, 'last-7-days')).toEqual({ kind: 'insights', projectId: 'p1', window: 'last-7-days' });
    expect(originOf({ kind: 'conversation', id: 'c1', label: 'Chat' }, 'last-month')).toEqual({ kind: 'conversation', conversationId: 'c1' });
  });

  it('previews five runs of a valid expression and explains a bad one', () => {
    const ok = previewRuns('0 7 * * *', 'UTC');
    expect('runs' in ok && ok.runs.length).toBe(5);
    const bad = previewRuns('0 7 * *', 'UTC');
    expect('error' in bad && bad.error).toMatch(/has 4 fields/);
  });
});
