import { useEffect } from 'react';
import { useSession } from '../stores/session';
import { SetupPage, SignInPage } from './AuthPages';
import { Shell } from './Shell';

export function App() {
  const status = useSession((s) => s.status);
  const error = useSession((s) => s.error);
  const bootstrap = useSession((s) => s.bootstrap);
  useEffect(() => { void bootstrap(); }, [bootstrap]);

  if (status === 'loading') {
    return <div className="auth" aria-busy="true"><div className="skeleton" style={{ width: 320, height: 48 }}>Opening Aiser…</div></div>;
  }
  if (status === 'offline') {
    return (
      <div className="auth">
        <div className="card auth-card" role="alert">
          <h1>Aiser is not reachable</h1>
          <p className="muted">{error}</p>
          <p>Check that the Aiser server is running, then try again.</p>
          <button className="btn btn-primary" onClick={() => void bootstrap()}>Try again</button>
        </div>
      </div>
    );
  }
  if (status === 'needsSetup') return <SetupPage />;
  if (status === 'signedOut') return <SignInPage />;
  return <Shell />;
}
