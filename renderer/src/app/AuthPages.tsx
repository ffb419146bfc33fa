import { type FormEvent, useEffect, useState } from 'react';
import { api, describeError } from '../lib/api';
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
  const [form, setForm] = useState({ organizationName: '', name: '', email: '', password: '' });
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
        <button className="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create organization'}</button>
      </form>
    </main>
  );
}
