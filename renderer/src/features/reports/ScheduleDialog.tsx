import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../../shared/api/errors';
import { INSIGHT_WINDOWS, type InsightWindow } from '../../../../shared/reports/insightsPeriod';
import { AUDIENCE_PRESETS } from '../../../../shared/reports/presets';
import { AUDIENCES, type Audience, type ReportFormatId } from '../../../../shared/reports/model';
import { Dialog } from '../../app/ui/Dialog';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { CRON_PRESETS, fieldMessage, fieldOfError, INSIGHT_WINDOW_LABELS, originOf, parseRecipients, previewRuns, type ScheduleField, type SourceChoice, type SourceKind } from './scheduleForm';

const FORMATS: Array<{ id: ReportFormatId; label: string }> = [{ id: 'pdf', label: 'PDF' }, { id: 'pptx', label: 'PowerPoint (editable charts)' }, { id: 'html', label: 'Interactive HTML' }];
const KIND_LABELS: Record<SourceKind, string> = { dashboard: 'Dashboard', conversation: 'Conversation', insights: 'Insights of a project' };

/** The dashboards, conversations and projects the person may build a report from. */
function useSourceChoices(): SourceChoice[] | null {
  const [choices, setChoices] = useState<SourceChoice[] | null>(null);
  useEffect(() => {
    const none = () => [];
    void Promise.all([
      api.call('dashboards/list', {}).catch(none), api.call('conversations/list', {}).catch(none), api.call('sources/list', {}).catch(none),
    ]).then(([dashboards, conversations, sources]) => {
      const projects = new Map<string, string[]>();
      for (const s of sources) projects.set(s.projectId, [...(projects.get(s.projectId) ?? []), s.name]);
      setChoices([
        ...dashboards.map((d) => ({ kind: 'dashboard' as const, id: d.id, label: d.name })),
        ...conversations.map((c) => ({ kind: 'conversation' as const, id: c.id, label: c.title })),
        ...[...projects].map(([id, names]) => ({ kind: 'insights' as const, id, label: `Project of ${names.join(', ')}` })),
      ]);
    });
  }, []);
  return choices;
}

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? <span id={id} className="field-error" role="alert">{text}</span> : null;
}

/** A new report schedule: what to report on, when (cron with the next runs previewed), for whom and where. */
export function ScheduleDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const choices = useSourceChoices();
  const [kind, setKind] = useState<SourceKind>('dashboard');
  const [sourceId, setSourceId] = useState('');
  const [insightWindow, setInsightWindow] = useState<InsightWindow>('last-month');
  const [title, setTitle] = useState('');
  const [audience, setAudience] = useState<Audience>('executive');
  const [format, setFormat] = useState<ReportFormatId>('pdf');
  const [cron, setCron] = useState('0 8 * * 1');
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [recipientText, setRecipientText] = useState('');
  const [folder, setFolder] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ScheduleField, string>>>({});
  const [saving, setSaving] = useState(false);

  const ofKind = useMemo(() => (choices ?? []).filter((c) => c.kind === kind), [choices, kind]);
  const chosen = ofKind.find((c) => c.id === sourceId) ?? ofKind[0];
  const preview = useMemo(() => previewRuns(cron, timezone), [cron, timezone]);
  const recipients = parseRecipients(recipientText);

  async function save() {
    if (!chosen) { setErrors({ source: `Pick a ${KIND_LABELS[kind].toLowerCase()} to report on.` }); return; }
    setErrors({}); setSaving(true);
    try {
      await api.call('reports/schedules/create', {
        report: { origin: originOf(chosen, insightWindow), title: title.trim() || chosen.label, audience },
        cron, timezone: timezone.trim(), format, folder: folder.trim() || null, recipients: recipients.map((email) => ({ email })), enabled: true,
      });
      onCreated();
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      const target = fieldOfError(field);
      setErrors({ [target]: target === 'general' ? describeError(e).message : fieldMessage(describeError(e).message, field, recipients) });
    } finally {
      setSaving(false);
    }
  }

  // A field's server error stands until the field is edited; then the live preview speaks for it.
  const clear = (f: ScheduleField) => setErrors(({ [f]: _cleared, ...rest }) => rest);
  const invalid = (f: ScheduleField) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `schedule-${f}-error` } : {});
  return (
    <Dialog title="Schedule a report" onClose={onClose}>
      <div className="col" style={{ gap: 12 }}>
        <div className="row" style={{ gap: 10, alignItems: 'flex-end', flexWrap: 'wrap' }}>
          <div className="field"><label htmlFor="schedule-kind">Report on</label>
            <select id="schedule-kind" className="select" value={kind} onChange={(e) => { setKind(e.target.value as SourceKind); setSourceId(''); }}>
              {(Object.keys(KIND_LABELS) as SourceKind[]).map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
            </select>
          </div>
          <div className="field grow"><label htmlFor="schedule-source">{KIND_LABELS[kind]}</label>
            <select id="schedule-source" className="select" value={chosen?.id ?? ''} disabled={!ofKind.length} {...invalid('source')} onChange={(e) => setSourceId(e.target.value)}>
              {ofKind.length ? ofKind.map((c) => <option key={c.id} value={c.id}>{c.label}</option>) : <option value="">{choices ? 'None yet' : 'Loading…'}</option>}
            </select>
          </div>
          {kind === 'insights' ? (
            <div className="field"><label htmlFor="schedule-window">Period</label>
              <select id="schedule-window" className="select" value={insightWindow} onChange={(e) => setInsightWindow(e.target.value as InsightWindow)}>
                {INSIGHT_WINDOWS.map((w) => <option key={w} value={w}>{INSIGHT_WINDOW_LABELS[w]}</option>)}
              </select>
            </div>
          ) : null}
        </div>
        <FieldError id="schedule-source-error" text={errors.source} />
        <div className="field"><label htmlFor="schedule-title">Title <span className="muted small">(optional)</span></label>
          <input id="schedule-title" className="input" value={title} maxLength={200} placeholder={chosen?.label} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
          <div className="field grow"><label htmlFor="schedule-audience">Audience</label>
            <select id="schedule-audience" className="select" value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
              {AUDIENCES.map((a) => <option key={a} value={a}>{AUDIENCE_PRESETS[a].label}</option>)}
            </select>
          </div>
          <div className="field grow"><label htmlFor="schedule-format">Format</label>
            <select id="schedule-format" className="select" value={format} onChange={(e) => setFormat(e.target.value as ReportFormatId)}>{FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}</select>
          </div>
        </div>
        <div className="row" style={{ gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <div className="field grow">
            <label htmlFor="schedule-cron">When <span className="muted small">(cron expression)</span></label>
            <input id="schedule-cron" className="input mono" value={cron} spellCheck={false} {...invalid('cron')} onChange={(e) => { setCron(e.target.value); clear('cron'); }} />
            <FieldError id="schedule-cron-error" text={errors.cron} />
            {errors.cron ? null : <span className="muted small">Five fields: minute, hour, day of month, month, weekday.</span>}
          </div>
          <div className="field" style={{ width: 190 }}><label htmlFor="schedule-timezone">Time zone</label>
            <input id="schedule-timezone" className="input" value={timezone} spellCheck={false} {...invalid('timezone')} onChange={(e) => { setTimezone(e.target.value); clear('timezone'); }} />
            <FieldError id="schedule-timezone-error" text={errors.timezone} />
          </div>
        </div>
        <div className="row" style={{ gap: 6, flexWrap: 'wrap', marginTop: -6 }} role="group" aria-label="Common schedules">
          {CRON_PRESETS.map((p) => <button key={p.cron} type="button" className="btn btn-ghost btn-sm" onClick={() => { setCron(p.cron); clear('cron'); }}>{p.label}</button>)}
        </div>
        <div data-testid="schedule-preview" className="small" aria-live="polite">
          {'runs' in preview
            ? (preview.runs.length ? <><span className="muted">Next runs ({timezone}):</span><ul className="plain-list">{preview.runs.map((r) => <li key={r}>{r}</li>)}</ul></> : <span className="field-error">This expression never runs again.</span>)
            : errors.cron || errors.timezone ? null : <span className="field-error">{preview.error}</span>}
        </div>
        <div className="field">
          <label htmlFor="schedule-recipients">E-mail recipients <span className="muted small">(members of the organization; one per line or comma-separated)</span></label>
          <textarea id="schedule-recipients" className="textarea" rows={2} value={recipientText} {...invalid('recipients')} onChange={(e) => { setRecipientText(e.target.value); clear('recipients'); }} />
          <FieldError id="schedule-recipients-error" text={errors.recipients} />
        </div>
        <div className="field">
          <label htmlFor="schedule-folder">Delivery folder <span className="muted small">(absolute path on the {window.aiser ? 'computer' : 'server'})</span></label>
          <input id="schedule-folder" className="input mono" value={folder} spellCheck={false} placeholder="/srv/reports/board" {...invalid('folder')} onChange={(e) => { setFolder(e.target.value); clear('folder'); }} />
          <FieldError id="schedule-folder-error" text={errors.folder} />
        </div>
        {errors.general ? <ErrorNotice error={{ message: errors.general }} /> : null}
        <div className="row" style={{ justifyContent: 'flex-end', gap: 8 }}>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn btn-primary" disabled={saving || !choices} onClick={() => void save()}>{saving ? 'Saving…' : 'Create schedule'}</button>
        </div>
      </div>
    </Dialog>
  );
}
