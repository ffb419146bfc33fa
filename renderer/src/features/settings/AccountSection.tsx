import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';

/** Everyone: change password, see active sessions, sign out everywhere else. */
export function AccountSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [sessions, setSessions] = useState<ResponseOf<'sessions/list'>>([]);
  const load = useCallback(() => { api.call('sessions/list', {}).then(setSessions).catch((e) => setError(describeError(e))); }, []);
  useEffect(load, [load]);

  async function run(action: () => Promise<string>) {
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
      load();
    } catch (e) {
      setError(describeError(e));
    }
  }
  async function change(event: FormEvent) {
    event.preventDefault();
    await run(async () => { await api.call('auth/changePassword', { currentPassword: current, newPassword: next }); setCurrent(''); setNext(''); return 'Password changed. Your other sessions were signed out.'; });
  }

  return (
    <section className="card card-pad col" style={{ gap: 12 }} aria-labelledby="account-title">
      <h2 id="account-title">Password and sessions</h2>
      <form className="row" style={{ flexWrap: 'wrap', gap: 10 }} onSubmit={change} aria-label="Change password">
        <div className="field grow"><label htmlFor="current-password">Current password</label><input id="current-password" className="input" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} /></div>
        <div className="field grow"><label htmlFor="new-password">New password</label><input id="new-password" className="input" type="password" autoComplete="new-password" minLength={10} required value={next} onChange={(e) => setNext(e.target.value)} /></div>
        <button className="btn btn-primary" type="submit" style={{ alignSelf: 'flex-end' }}>Change password</button>
      </form>
      <table className="data" aria-label="Active sessions">
        <thead><tr><th scope="col">Device</th><th scope="col">Last active</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>{sessions.map((s) => (
          <tr key={s.id}>
            <td>{s.userAgent ?? 'Unknown device'}{s.ip ? <span className="muted small"> · {s.ip}</span> : null}</td>
            <td>{new Date(s.lastSeenAt).toLocaleString()}</td>
            <td>{s.current ? <span className="muted small">This session</span> : <button type="button" className="btn btn-sm btn-ghost" onClick={() => void run(async () => { await api.call('sessions/revoke', { id: s.id }); return 'Session ended.'; })}>End session</button>}</td>
          </tr>
        ))}</tbody>
      </table>
      <div className="row"><button type="button" className="btn" onClick={() => void run(async () => { const { revoked } = await api.call('users/signOutEverywhere', {}); return `Signed out of ${revoked} session${revoked === 1 ? '' : 's'}.`; })}>Sign out everywhere</button></div>
      {message ? <p role="status">{message}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
