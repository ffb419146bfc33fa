import { type FormEvent, useEffect, useState } from 'react';
import { EXPERTISE_LEVELS, type ExpertiseLevel } from '../../../shared/types/auth';
import { api, describeError } from '../lib/api';

const DETAIL_WORDS: Record<ExpertiseLevel, string> = {
  executive: 'Executive: the answer and what it means', manager: 'Manager: the answer, the chart and the why',
  analyst: 'Analyst: also the method, SQL and confidence', expert: 'Expert: every technical detail',
};
import { useSession } from '../stores/session';

function Brand() {
  return <div className="brand"><div className="brand-mark" aria-hidden="true">A</div><span>Aiser</span></div>;
}

function ErrorBox({ error }: { error: { message: string; hint?: string } | null }) {
  if (!error) return null;
  return <div className="alert alert-error" role="alert"><strong>{error.message}</strong>{error.hint ? <div>{error.hint}</div> : null}</div>;
}

export function SignInPage() {
  const signIn = useSession((s) => s.signIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  const [ssoPath, setSsoPath] = useState<string | null>(null);
  useEffect(() => { api.call('sso/status', {}).then((s) => setSsoPath(s.enabled ? s.loginPath : null)).catch(() => setSsoPath(null)); }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="signin-title">
        <Brand />
        <div className="col" style={{ gap: 4 }}>
          <h1 id="signin-title">Sign in</h1>
          <p className="muted">Ask your data a question and get the answer in seconds.</p>
        </div>
        <ErrorBox error={error} />
        <div className="field"><label htmlFor="email">E-mail</label>
          <input id="email" className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus /></div>
        <div className="field"><label htmlFor="password">Password</label>
          <input id="password" className="input" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} /></div>
        <button className="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        {ssoPath ? <a className="btn" href={ssoPath}>Sign in with single sign-on</a> : null}
      </form>
    </main>
  );
}

export function SetupPage() {
  const completeSetup = useSession((s) => s.completeSetup);
  const [form, setForm] = useState({ organizationName: '', name: '', email: '', password: '', expertise: 'analyst' as ExpertiseLevel });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  const update = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.password.length < 10) return setError({ message: 'Use at least 10 characters for the password.' });
    setBusy(true);
    setError(null);
    try {
      await completeSetup(form);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="setup-title">
        <Brand />
        <div className="col" style={{ gap: 4 }}>
          <h1 id="setup-title">Set up Aiser</h1>
          <p className="muted">Create your organization and your administrator account. A demo data source is added so you can start asking right away.</p>
        </div>
        <ErrorBox error={error} />
        <div className="field"><label htmlFor="org">Organization name</label><input id="org" className="input" required value={form.organizationName} onChange={update('organizationName')} autoFocus /></div>
        <div className="field"><label htmlFor="name">Your name</label><input id="name" className="input" required autoComplete="name" value={form.name} onChange={update('name')} /></div>
        <div className="field"><label htmlFor="email">E-mail</label><input id="email" className="input" type="email" required autoComplete="username" value={form.email} onChange={update('email')} /></div>
        <div className="field"><label htmlFor="password">Password</label><input id="password" className="input" type="password" required autoComplete="new-password" value={form.password} onChange={update('password')} aria-describedby="password-help" />
          <span id="password-help" className="muted small">At least 10 characters.</span></div>
        <div className="field"><label htmlFor="setup-expertise">Level of detail in answers</label>
          <select id="setup-expertise" className="select" value={form.expertise} onChange={(e) => setForm({ ...form, expertise: e.target.value as ExpertiseLevel })}>
            {EXPERTISE_LEVELS.map((l) => <option key={l} value={l}>{DETAIL_WORDS[l]}</option>)}
          </select>
          <span className="muted small">You can change it later in Settings.</span></div>
        <button className="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create organization'}</button>
      </form>
    </main>
  );
}
