import { useRef, useState } from 'react';
import type { ReportOrigin } from '../../../../shared/api/domains/reports';
import { AUDIENCE_PRESETS } from '../../../../shared/reports/presets';
import { AUDIENCES, REPORT_SECTIONS, type Audience, type ReportFormatId, type ReportSection } from '../../../../shared/reports/model';
import { Dialog } from '../../app/ui/Dialog';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError, isCancelled, startStreaming, type StreamingCall } from '../../lib/api';
import { downloadRun } from './download';

const FORMATS: Array<{ id: ReportFormatId; label: string }> = [{ id: 'pdf', label: 'PDF' }, { id: 'pptx', label: 'PowerPoint (editable charts)' }, { id: 'html', label: 'Interactive HTML' }];
const SECTION_LABELS: Record<ReportSection, string> = { summary: 'Executive summary', findings: 'Findings with charts', tables: 'Tables', recommendations: 'Recommendations', urgent: 'Needs attention', appendix: 'Technical appendix' };

/** Create a report from a dashboard, a conversation or one answer: audience, sections, format,
 *  a preview, then the file (progress with cancel). */
export function CreateReportDialog({ origin, defaultTitle, onClose }: { origin: ReportOrigin; defaultTitle: string; onClose: () => void }) {
  const [title, setTitle] = useState(defaultTitle);
  const [audience, setAudience] = useState<Audience>('executive');
  const [format, setFormat] = useState<ReportFormatId>('pdf');
  const [sections, setSections] = useState<ReportSection[]>([...AUDIENCE_PRESETS.executive.defaultSections]);
  const [progress, setProgress] = useState<{ label: string; fraction: number } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const running = useRef<StreamingCall<unknown> | null>(null);

  const pickAudience = (a: Audience) => { setAudience(a); setSections([...AUDIENCE_PRESETS[a].defaultSections]); };
  const options = { origin, title: title.trim() || undefined, audience, sections };

  async function go(kind: 'preview' | 'create') {
    setError(null); setDone(null); setProgress({ label: 'Starting…', fraction: 0 });
    const onEvent = (e: { label: string; fraction: number }) => setProgress({ label: e.label, fraction: e.fraction });
    try {
      if (kind === 'preview') {
        const call = startStreaming((o) => api.call('reports/preview', options, o), onEvent);
        running.current = call;
        setPreview((await call.result).html);
      } else {
        const call = startStreaming((o) => api.call('reports/create', { ...options, format }, o), onEvent);
        running.current = call;
        const run = await call.result;
        setDone(run.fileName);
        await downloadRun(run.id);
      }
    } catch (e) {
      if (!isCancelled(e)) setError(describeError(e));
    } finally {
      running.current = null;
      setProgress(null);
    }
  }

  return (
    <Dialog title="Create report" onClose={onClose}>
      <div className="col" style={{ gap: 10 }}>
        <label className="col small">Title<input className="input" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} /></label>
        <fieldset className="row" style={{ gap: 12 }}><legend className="small">Audience</legend>
          {AUDIENCES.map((a) => <label key={a} className="row small" title={AUDIENCE_PRESETS[a].description}><input type="radio" name="audience" checked={audience === a} onChange={() => pickAudience(a)} />{AUDIENCE_PRESETS[a].label}</label>)}
        </fieldset>
        <p className="small">{AUDIENCE_PRESETS[audience].description}</p>
        <fieldset className="row" style={{ gap: 12, flexWrap: 'wrap' }}><legend className="small">Sections</legend>
          {REPORT_SECTIONS.map((s) => <label key={s} className="row small"><input type="checkbox" checked={sections.includes(s)} onChange={(e) => setSections(e.target.checked ? [...sections, s] : sections.filter((x) => x !== s))} />{SECTION_LABELS[s]}</label>)}
        </fieldset>
        <label className="col small">Format
          <select className="select" value={format} onChange={(e) => setFormat(e.target.value as ReportFormatId)}>{FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}</select>
        </label>
        {progress ? (
          <div className="row" role="status"><progress max={1} value={progress.fraction} aria-label="Report progress" /> <span className="small">{progress.label}</span>
            <button className="btn btn-sm" onClick={() => running.current?.cancel()}>Cancel</button></div>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        {done ? <p className="small" role="status">Saved {done}. It is also on the Reports page.</p> : null}
        {preview ? <iframe title="Report preview" sandbox="" srcDoc={preview} style={{ width: '100%', height: 420, border: '1px solid var(--border, #ddd)' }} /> : null}
        <div className="row" style={{ justifyContent: 'flex-end', gap: 8 }}>
          <button className="btn" onClick={onClose}>Close</button>
          <button className="btn" disabled={Boolean(progress) || !sections.length} onClick={() => void go('preview')}>Preview</button>
          <button className="btn btn-primary" disabled={Boolean(progress) || !sections.length} onClick={() => void go('create')}>Create and download</button>
        </div>
      </div>
    </Dialog>
  );
}
