import { type FormEvent, useCallback, useState } from 'react';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { attempt, useLoad } from './useCall';

/** Platform administrators: every organization on the server. */
export function OrganizationsTab() {
  const orgs = useLoad(useCallback(() => api.call('orgs/list', {}), []));
  const [form, setForm] = useState({ name: '', adminName: '', adminEmail: '', adminPassword: '' });
  const [deleting, setDeleting] = useState<{ id: string; name: string; typed: string } | null>(null);
  const act = async (action: () => Promise<unknown>) => { if (await attempt(action, orgs.setError)) orgs.reload(); return true; };

  async function create(event: FormEvent) {
    event.preventDefault();
    if (await attempt(() => api.call('orgs/create', form), orgs.setError)) { setForm({ name: '', adminName: '', adminEmail: '', adminPassword: '' }); orgs.reload(); }
  }

  return (
    <div className="col" style={{ gap: 16 }}>
      {orgs.error ? <ErrorNotice error={orgs.error} /> : null}
      <table className="data" aria-label="Organizations">
        <thead><tr><th scope="col">Organization</th><th scope="col">People</th><th scope="col">Projects</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>{(orgs.data ?? []).map((o) => (
          <tr key={o.id}>
            <td>{o.name}</td><td>{o.people}</td><td>{o.projects}</td>
            <td><span className={`badge ${o.status === 'active' ? 'badge-ok' : 'badge-error'}`}>{o.status}</span></td>
            <td className="row" style={{ gap: 6 }}>
              <button type="button" className="btn btn-sm" onClick={() => { const name = window.prompt(`New name for ${o.name}`, o.name); if (name?.trim()) void act(() => api.call('orgs/rename', { id: o.id, name })); }}>Rename {o.name}</button>
              <button type="button" className="btn btn-sm" onClick={() => void act(() => api.call('orgs/setStatus', { id: o.id, status: o.status === 'active' ? 'suspended' : 'active' }))}>{o.status === 'active' ? 'Suspend' : 'Reactivate'} {o.name}</button>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDeleting({ id: o.id, name: o.name, typed: '' })}>Delete {o.name}</button>
            </td>
          </tr>
        ))}</tbody>
      </table>
      {deleting ? (
        <form className="card card-pad col" style={{ gap: 8 }} aria-label="Delete organization" onSubmit={(e) => { e.preventDefault(); void act(() => api.call('orgs/delete', { id: deleting.id, confirmName: deleting.typed })).then(() => setDeleting(null)); }}>
          <p><strong>Deleting {deleting.name} removes its people, projects, sources, answers, audit trail and files. This cannot be undone.</strong></p>
          <div className="field"><label htmlFor="confirm-name">Type {deleting.name} to confirm</label><input id="confirm-name" className="input" value={deleting.typed} onChange={(e) => setDeleting({ ...deleting, typed: e.target.value })} /></div>
          <div className="row"><button type="button" className="btn" onClick={() => setDeleting(null)}>Cancel</button><button type="submit" className="btn btn-primary" disabled={deleting.typed !== deleting.name}>Delete for good</button></div>
        </form>
      ) : null}
      <form className="card card-pad col" style={{ gap: 8 }} onSubmit={create} aria-label="New organization">
        <h3>New organization</h3>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <div className="field grow"><label htmlFor="org-name">Name</label><input id="org-name" className="input" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
          <div className="field grow"><label htmlFor="org-admin-name">Its administrator</label><input id="org-admin-name" className="input" required value={form.adminName} onChange={(e) => setForm({ ...form, adminName: e.target.value })} /></div>
          <div className="field grow"><label htmlFor="org-admin-email">Administrator e-mail</label><input id="org-admin-email" className="input" type="email" required value={form.adminEmail} onChange={(e) => setForm({ ...form, adminEmail: e.target.value })} /></div>
          <div className="field grow"><label htmlFor="org-admin-password">First password</label><input id="org-admin-password" className="input" type="password" autoComplete="new-password" minLength={10} required value={form.adminPassword} onChange={(e) => setForm({ ...form, adminPassword: e.target.value })} /></div>
        </div>
        <div className="row"><button className="btn btn-primary" type="submit">Create organization</button></div>
      </form>
    </div>
  );
}
