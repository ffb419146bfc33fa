import { type ChangeEvent, useRef, useState } from 'react';
import { Icon } from '../../app/icons';
import { api, describeError } from '../../lib/api';
import type { ErrorInfo } from '../../app/ui/ErrorNotice';

const MAX_MB = 20;
const ACCEPT = '.csv,.tsv,.parquet,.json,.jsonl,.ndjson,.xlsx';

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** In a browser: send a data file to the server (checked there, stored in the organization's
 *  folder) instead of typing a path on the server. */
export function UploadField({ onUploaded, onError }: { onUploaded: (path: string, fileName: string) => void; onError: (error: ErrorInfo | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    onError(null);
    setDone(null);
    if (file.size > MAX_MB * 1024 * 1024) return onError({ message: `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; uploads are limited to ${MAX_MB} MB.`, hint: 'For bigger files, ask an administrator to put them on the server and add them by path.' });
    setBusy(true);
    try {
      const stored = await api.call('sources/upload', { fileName: file.name, contentBase64: await base64Of(file) });
      setDone(stored.fileName);
      onUploaded(stored.path, stored.fileName);
    } catch (e) {
      onError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row" style={{ flexWrap: 'wrap' }}>
      <button type="button" className="btn btn-sm" onClick={() => input.current?.click()} disabled={busy}><Icon name="download" size={15} />{busy ? 'Uploading…' : 'Upload a file…'}</button>
      <input ref={input} type="file" accept={ACCEPT} className="sr-only" tabIndex={-1} aria-label="Upload a data file" onChange={(e) => void upload(e)} />
      <span className="muted small" role="status">{done ? `Uploaded ${done}.` : `CSV, TSV, Parquet, JSON or Excel, up to ${MAX_MB} MB.`}</span>
    </div>
  );
}
