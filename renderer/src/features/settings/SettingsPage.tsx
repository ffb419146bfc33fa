import { type FormEvent, useState } from 'react';
import { EXPERTISE_LEVELS, type ExpertiseLevel } from '../../../../shared/types/auth';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { hrefOf } from '../../stores/route';
import { useSession } from '../../stores/session';
import { type ThemeChoice, useTheme } from '../../stores/theme';
import { AccountSection } from './AccountSection';
import { ApiReferencePage } from './ApiReferencePage';
import { ManagedPanel } from './ManagedPanel';
import { ProvidersSection } from './ProvidersSection';

const EXPERTISE_WORDS: Record<ExpertiseLevel, string> = {
  executive: 'Executive — the answer, its impact and what to do',
  manager: 'Manager — the answer and the why, details on request',
  analyst: 'Analyst — SQL, method and statistics shown by default',
  expert: 'Expert — everything, including the raw details',
};

/** Profile (how answers are shaped for you) and appearance; `#/settings/api` is the API reference. */
export function SettingsPage({ section }: { section?: string }) {
  return section === 'api' ? <ApiReferencePage /> : <ProfileSettings />;
}

function ProfileSettings() {
  const user = useSession((s) => s.user);
  const setUser = useSession((s) => s.setUser);
  const { choice, setChoice } = useTheme();
  const [name, setName] = useState(user?.name ?? '');
  const [department, setDepartment] = useState(user?.department ?? '');
  const [expertise, setExpertise] = useState<ExpertiseLevel>(user?.expertise ?? 'manager');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setError(null);
    try {
      const updated = await api.call('profile/update', { name, department: department.trim() || null, expertise });
      setUser(updated);
      setSaved(true);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <div className="page" style={{ maxWidth: 960 }}>
      <div className="page-header"><div className="grow"><h1>Settings</h1><p>How Aiser talks to you.</p></div></div>
      <form className="card card-pad col" style={{ gap: 14 }} onSubmit={save} aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <div className="field"><label htmlFor="profile-name">Name</label><input id="profile-name" className="input" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <div className="field"><label htmlFor="profile-email">E-mail</label><input id="profile-email" className="input" value={user?.email ?? ''} readOnly aria-readonly="true" /></div>
        <div className="field"><label htmlFor="profile-department">Department</label><input id="profile-department" className="input" value={department} onChange={(e) => setDepartment(e.target.value)} placeholder="Sales, Finance, Operations…" />
          <span className="muted small">Example questions are picked for your department.</span></div>
        <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="label" style={{ marginBottom: 6 }}>Level of detail in answers</legend>
          {EXPERTISE_LEVELS.map((level) => (
            <label key={level} className="row" style={{ minHeight: 40 }}>
              <input type="radio" name="expertise" value={level} checked={expertise === level} onChange={() => setExpertise(level)} style={{ width: 18, height: 18 }} />
              <span>{EXPERTISE_WORDS[level]}</span>
            </label>
          ))}
        </fieldset>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="row"><button className="btn btn-primary" type="submit">Save profile</button>{saved ? <span role="status" className="muted">Saved.</span> : null}</div>
      </form>
      <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <div className="row" role="radiogroup" aria-label="Theme">
          {(['system', 'light', 'dark'] as ThemeChoice[]).map((t) => (
            <button key={t} type="button" role="radio" aria-checked={choice === t} className="btn" onClick={() => setChoice(t)}>
              {t === 'system' ? 'Match the system' : t === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
      </section>
      <section className="card card-pad col" style={{ gap: 6 }} aria-labelledby="org-title">
        <h2 id="org-title">Organization</h2>
        <p className="muted">{user?.orgName} · you are {user?.role === 'admin' ? 'an administrator' : `a${user?.role === 'executive' || user?.role === 'analyst' ? 'n' : ''} ${user?.role}`}</p>
      </section>
      <section className="card card-pad row" style={{ gap: 10, flexWrap: 'wrap' }} aria-labelledby="api-title">
        <div className="grow col" style={{ gap: 4 }}>
          <h2 id="api-title">API</h2>
          <p className="muted">Scripts and other systems can do what this app does through the HTTP API of a server install.</p>
        </div>
        <a className="btn" href={hrefOf({ page: 'settings', id: 'api' })}>API reference</a>
      </section>
      <ManagedPanel />
      <AccountSection />
      {user?.permissions.includes('providers:manage') ? <ProvidersSection /> : null}
    </div>
  );
}
