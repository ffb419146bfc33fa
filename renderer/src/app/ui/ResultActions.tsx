import { useState } from 'react';
import { Icon } from '../icons';
import { useMachinePolicy } from '../../stores/machinePolicy';
import { useSession } from '../../stores/session';
import { XLSX_MIME, download, toCsv, toTsv, toXlsx, type ExportTable } from '../../lib/tableExport';

function fileBase(title: string): string {
  return (title.replace(/[^\w\s-]+/g, '').trim().replace(/\s+/g, '-').toLowerCase() || 'result').slice(0, 60);
}

/** Copy the rows to the clipboard, or download them as CSV / Excel. */
export function ResultActions({ table, title }: { table: ExportTable; title: string }) {
  const [copied, setCopied] = useState(false);
  const policy = useMachinePolicy();
  const mayExport = useSession((s) => s.user?.permissions.includes('export') ?? false) && (policy?.exportsAllowed ?? true);
  async function copy() {
    await navigator.clipboard?.writeText(toTsv(table)).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <div className="row" role="group" aria-label="Export the rows" style={{ gap: 4 }}>
      <button className="btn btn-ghost btn-sm" onClick={() => void copy()}><Icon name="copy" size={15} />{copied ? 'Copied' : 'Copy'}</button>
      {mayExport ? <button className="btn btn-ghost btn-sm" onClick={() => download(toCsv(table), `${fileBase(title)}.csv`, 'text/csv')}><Icon name="download" size={15} />CSV</button> : null}
      {mayExport ? <button className="btn btn-ghost btn-sm" onClick={() => download(toXlsx(table), `${fileBase(title)}.xlsx`, XLSX_MIME)}><Icon name="download" size={15} />Excel</button> : null}
    </div>
  );
}
