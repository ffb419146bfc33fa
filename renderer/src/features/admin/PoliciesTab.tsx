import { useCallback, useEffect, useState } from 'react';
import { MASK_STYLES, type SecurityPolicy } from '../../../../shared/api/domains/admin';
import { ROLES, type Role } from '../../../../shared/types/auth';
import { roleHas } from '../../../../shared/types/permissions';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { useSources } from '../../stores/sources';
import { attempt, useLoad } from './useCall';

type MaskStyle = (typeof MASK_STYLES)[number];

/** What a role sees of one column, from the saved policy (the server applies the same rules). */
function columnView(policy: SecurityPolicy, role: Role, table: string, column: string): string {
  if (roleHas(role, 'pii:see')) return 'visible (may see personal data)';
  const style = policy.masking[`${table}.${column}`.toLowerCase()] ?? policy.masking[column.toLowerCase()];
  if (style && style !== 'none') return `masked (${style})`;
  return 'visible (masked automatically if it looks like personal data)';
}

/** Data policies: column masking and row rules per role, with a preview of what a role will see. */
export function PoliciesTab() {
  const loaded = useLoad(useCallback(() => api.call('policies/get', {}), []));
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [column, setColumn] = useState('');
  const [style, setStyle] = useState<MaskStyle>('redact');
  const [rule, setRule] = useState({ table: '', column: '', role: 'viewer' as Role, values: '' });
  const [saved, setSaved] = useState(false);
  const { sources, selectedId } = useSources();
  const [previewRole, setPreviewRole] = useState<Role>('viewer');
  const [table, setTable] = useState('');
  const schema = useLoad(useCallback(() => (selectedId ? api.call('sources/schema', { id: selectedId }) : Promise.resolve(null)), [selectedId]));
  useEffect(() => { if (loaded.data) setPolicy(loaded.data); }, [loaded.data]);
  if (!policy) return loaded.error ? <ErrorNotice error={loaded.error} /> : <div className="skeleton" style={{ height: 80 }}>Loading policies…</div>;

  const save = async (next: SecurityPolicy) => {
    setSaved(false);
    if (await attempt(() => api.call('policies/set', next), loaded.setError)) { setPolicy(next); setSaved(true); }
  };
  const tables = schema.data?.tables ?? [];
  const shown = tables.find((t) => t.name === table) ?? tables[0];

  return (
    <div className="col" style={{ gap: 16 }}>
      <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby="masking-title">
        <h3 id="masking-title">Column masking (for roles without access to personal data)</h3>
        <ul className="col plain-list" style={{ gap: 4 }} aria-label="Masked columns">
          {Object.entries(policy.masking).map(([name, how]) => (
            <li key={name} className="row"><code>{name}</code> → {how}
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => { const { [name]: _drop, ...rest } = policy.masking; void save({ ...policy, masking: rest }); }}>Remove {name}</button></li>
          ))}
        </ul>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <div className="field"><label htmlFor="mask-column">Column (column or table.column)</label><input id="mask-column" className="input" value={column} onChange={(e) => setColumn(e.target.value)} placeholder="customers.email" /></div>
          <div className="field"><label htmlFor="mask-style">Masking</label><select id="mask-style" className="select" value={style} onChange={(e) => setStyle(e.target.value as MaskStyle)}>{MASK_STYLES.map((s) => <option key={s} value={s}>{s}</option>)}</select></div>
          <button type="button" className="btn" style={{ alignSelf: 'flex-end' }} disabled={!column.trim()} onClick={() => { void save({ ...policy, masking: { ...policy.masking, [column.trim().toLowerCase()]: style } }); setColumn(''); }}>Add masking</button>
        </div>
      </section>
      <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby="rows-title">
        <h3 id="rows-title">Row rules</h3>
        <ul className="col plain-list" style={{ gap: 4 }} aria-label="Row rules">
          {policy.rowPolicies.map((r, i) => (
            <li key={`${r.table}-${r.column}-${i}`} className="row">{r.roles.join(', ')} only see rows of <code>{r.table}</code> where <code>{r.column}</code> is {r.values ? r.values.join(', ') : `their ${r.attribute}`}
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => void save({ ...policy, rowPolicies: policy.rowPolicies.filter((_, j) => j !== i) })}>Remove rule {i + 1}</button></li>
          ))}
        </ul>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <div className="field"><label htmlFor="rule-table">Table</label><input id="rule-table" className="input" value={rule.table} onChange={(e) => setRule({ ...rule, table: e.target.value })} /></div>
          <div className="field"><label htmlFor="rule-column">Column</label><input id="rule-column" className="input" value={rule.column} onChange={(e) => setRule({ ...rule, column: e.target.value })} /></div>
          <div className="field"><label htmlFor="rule-role">Role</label><select id="rule-role" className="select" value={rule.role} onChange={(e) => setRule({ ...rule, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></div>
          <div className="field"><label htmlFor="rule-values">Allowed values (comma-separated)</label><input id="rule-values" className="input" value={rule.values} onChange={(e) => setRule({ ...rule, values: e.target.value })} /></div>
          <button type="button" className="btn" style={{ alignSelf: 'flex-end' }} onClick={() => void save({ ...policy, rowPolicies: [...policy.rowPolicies, { table: rule.table.trim(), column: rule.column.trim(), roles: [rule.role], values: rule.values.split(',').map((v) => v.trim()).filter(Boolean) }] })}>Add row rule</button>
        </div>
      </section>
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      {saved ? <p role="status" className="muted">Policies saved.</p> : null}
      <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby="preview-title">
        <h3 id="preview-title">Preview: what a role will see</h3>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <div className="field"><label htmlFor="preview-role">Preview as role</label><select id="preview-role" className="select" value={previewRole} onChange={(e) => setPreviewRole(e.target.value as Role)}>{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></div>
          <div className="field"><label htmlFor="preview-table">Table of {sources.find((s) => s.id === selectedId)?.name ?? 'the selected source'}</label>
            <select id="preview-table" className="select" value={shown?.name ?? ''} onChange={(e) => setTable(e.target.value)}>{tables.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}</select></div>
        </div>
        {shown ? (
          <table className="data" aria-label={`What ${previewRole} sees of ${shown.name}`}>
            <thead><tr><th scope="col">Column</th><th scope="col">Shown as</th></tr></thead>
            <tbody>{shown.columns.map((c) => <tr key={c.name}><td>{c.name}</td><td>{columnView(policy, previewRole, shown.name, c.name)}</td></tr>)}</tbody>
          </table>
        ) : <p className="muted">Pick a data source at the top to preview its tables.</p>}
        {shown ? <p className="muted small">Rows: {policy.rowPolicies.filter((r) => r.table.toLowerCase() === shown.name.toLowerCase() && r.roles.includes(previewRole)).map((r) => `only ${r.column} in ${r.values?.join(', ') ?? `their ${r.attribute}`}`).join('; ') || 'every row'}.</p> : null}
      </section>
    </div>
  );
}
