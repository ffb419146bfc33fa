import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { MemberView } from '../../../../shared/api/domains/users';
import { EXPERTISE_LEVELS, ROLES, type ExpertiseLevel, type Role } from '../../../../shared/types/auth';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { useSession } from '../../stores/session';

const ROLE_WORDS: Record<Role, string> = { admin: 'Administrator', analyst: 'Analyst', executive: 'Executive', viewer: 'Viewer' };

/** Organization admin: who has access, with which role. */
export function PeopleSection() {
  const user = useSession((s) => s.user);
  const [people, setPeople] = useState<MemberView[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', email: '', role: 'analyst' as Role, expertise: 'analyst' as ExpertiseLevel, department: '', password: '' });

  const load = useCallback(() => { api.call('users/list', {}).then(setPeople).catch((e) => setError(describeError(e))); }, []);
  useEffect(load, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.call('users/create', { ...form, department: form.department.trim() || undefined, projectIds: user?.projects.map((p) => p.id) });
      setAdding(false);
      setForm({ ...form, name: '', email: '', password: '', department: '' });
      load();
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function change(id: string, patch: { role?: Role; status?: 'active' | 'disabled' }) {
    setError(null);
    try {
      await api.call('users/update', { id, ...patch });
      load();
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function resetPassword(person: MemberView) {
    const password = window.prompt(`New password for ${person.name} (at least 10 characters)`);
    if (!password) return;
    await act(() => api.call('users/resetPassword', { id: person.id, password }), `Password of ${person.name} reset; they were signed out.`);
  }

  async function signOut(person: MemberView) {
    await act(async () => { const { revoked } = await api.call('users/signOutEverywhere', { id: person.id }); return revoked; }, `${person.name} was signed out everywhere.`);
  }

  async function act(action: () => Promise<unknown>, done: string) {
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      load();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section className="card card-pad col" style={{ gap: 12 }} aria-labelledby="people-title">
      <div className="row"><h2 id="people-title" className="grow">People</h2>
        <button className="btn btn-sm" onClick={() => setAdding(!adding)} aria-expanded={adding}><Icon name="plus" size={15} />Add a person</button></div>
      {adding ? (
        <form className="col" style={{ gap: 10 }} onSubmit={add} aria-label="Add a person">
          <div className="row" style={{ flexWrap: 'wrap' }}>
            <div className="field grow"><label htmlFor="person-name">Name</label><input id="person-name" className="input" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
            <div className="field grow"><label htmlFor="person-email">E-mail</label><input id="person-email" className="input" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></div>
          </div>
          <div className="row" style={{ flexWrap: 'wrap' }}>
            <div className="field grow"><label htmlFor="person-role">Role</label>
              <select id="person-role" className="select" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r} value={r}>{ROLE_WORDS[r]}</option>)}</select></div>
            <div className="field grow"><label htmlFor="person-expertise">Level of detail</label>
              <select id="person-expertise" className="select" value={form.expertise} onChange={(e) => setForm({ ...form, expertise: e.target.value as ExpertiseLevel })}>{EXPERTISE_LEVELS.map((l) => <option key={l} value={l}>{l[0].toUpperCase() + l.slice(1)}</option>)}</select></div>
            <div className="field grow"><label htmlFor="person-department">Department</label><input id="person-department" className="input" value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })} /></div>
          </div>
          <div className="field"><label htmlFor="person-password">First password</label><input id="person-password" className="input" type="password" autoComplete="new-password" minLength={10} required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
            <span className="muted small">At least 10 characters. Share it privately; they can change it after signing in.</span></div>
          <div className="row"><div className="spacer" /><button type="button" className="btn" onClick={() => setAdding(false)}>Cancel</button><button className="btn btn-primary" type="submit">Add</button></div>
        </form>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {notice ? <p role="status">{notice}</p> : null}
      {!people ? <div className="skeleton" style={{ height: 80 }}>Loading people…</div> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="People (scrollable)">
          <table className="data" aria-label="People">
            <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}{p.department ? <span className="muted small"> · {p.department}</span> : null}</td>
                  <td>{p.email}</td>
                  <td>
                    <select className="select" style={{ width: 150 }} aria-label={`Role of ${p.name}`} value={p.role} disabled={p.id === user?.id} onChange={(e) => void change(p.id, { role: e.target.value as Role })}>
                      {ROLES.map((r) => <option key={r} value={r}>{ROLE_WORDS[r]}</option>)}
                    </select>
                  </td>
                  <td><span className={`badge ${p.status === 'active' ? 'badge-ok' : 'badge-error'}`}>{p.status === 'active' ? 'Active' : p.status === 'locked' ? 'Locked' : 'Disabled'}</span></td>
                  <td>{p.id === user?.id ? <span className="muted small">You</span> : (
                    <span className="row" style={{ gap: 4 }}>
                      <button className="btn btn-sm btn-ghost" onClick={() => void change(p.id, { status: p.status === 'active' ? 'disabled' : 'active' })}>{p.status === 'active' ? 'Deactivate' : 'Reactivate'}</button>
                      <button className="btn btn-sm btn-ghost" onClick={() => void resetPassword(p)}>Reset password</button>
                      <button className="btn btn-sm btn-ghost" onClick={() => void signOut(p)}>Sign out everywhere</button>
                    </span>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
