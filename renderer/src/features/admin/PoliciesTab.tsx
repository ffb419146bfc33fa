import { useCallback, useEffect, useState } from 'react';
import { MASK_STYLES, type SecurityPolicy } from '../../../../shared/api/domains/admin';
import { ROLES, type Role } from '../../../../shared/types/auth';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { PolicyPreviewSection } from './PolicyPreviewSection';
import { attempt, useLoad } from './useCall';

type MaskStyle = (typeof MASK_STYLES)[number];

/** Data policies: column masking and row rules per role, with a preview of what a role will see. */
export function PoliciesTab() {
  const loaded = useLoad(useCallback(() => api.call('policies/get', {}), []));
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [column, setColumn] = useState('');
  const [style, setStyle] = useState<MaskStyle>('redact');
  const [rule, setRule] = useState({ table: '', column: '', role: 'viewer' as Role, values: '' });
  const [saved, setSaved] = useState(false);
  useEffect(() => { if (loaded.data) setPolicy(loaded.data); }, [loaded.data]);
  if (!policy) return loaded.error ? <ErrorNotice error={loaded.error} /> : <div className="skeleton" style={{ height: 80 }}>Loading policies…</div>;

  const save = async (next: SecurityPolicy) => {
    setSaved(false);
    if (await attempt(() => api.call('policies/set', next), loaded.setError)) { setPolicy(next); setSaved(true); }
  };

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
      <PolicyPreviewSection />
    </div>
  );
}
