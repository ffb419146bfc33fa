import { useEffect } from 'react';
import { AdminPage } from '../features/admin/AdminPage';
import { ChatPage } from '../features/chat/ChatPage';
import { DashboardsPage } from '../features/dashboards/DashboardsPage';
import { InsightsPage } from '../features/insights/InsightsPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SourcesPage } from '../features/sources/SourcesPage';
import { SqlPage } from '../features/sql/SqlPage';
import { type Page, hrefOf, useRoute } from '../stores/route';
import { useSession } from '../stores/session';
import { useSources } from '../stores/sources';
import { useTheme } from '../stores/theme';
import { useUi } from '../stores/ui';
import { Icon, type IconName } from './icons';

/** Pages and the permission each needs (people only see what they may use). */
const NAV: Array<{ page: Page; label: string; icon: IconName; permission?: string }> = [
  { page: 'ask', label: 'Ask', icon: 'ask', permission: 'chat:ask' },
  { page: 'dashboards', label: 'Dashboards', icon: 'dashboards', permission: 'dashboards:read' },
  { page: 'insights', label: 'Insights', icon: 'insights', permission: 'dashboards:read' },
  { page: 'reports', label: 'Reports', icon: 'reports', permission: 'export' },
  { page: 'sources', label: 'Data sources', icon: 'sources', permission: 'sources:read' },
  { page: 'sql', label: 'SQL', icon: 'sql', permission: 'sql:free' },
  { page: 'settings', label: 'Settings', icon: 'settings' },
  { page: 'admin', label: 'Administration', icon: 'shield', permission: 'users:manage' },
];

function SourcePicker() {
  const { sources, selectedId, select, loading } = useSources();
  if (!sources.length) {
    return <span className="muted small">{loading ? 'Loading data sources…' : 'No data source yet'}</span>;
  }
  return (
    <label className="row source-picker" style={{ gap: 8 }}>
      <span className="muted small source-picker-label" style={{ whiteSpace: 'nowrap' }}>Data source</span>
      <select className="select" style={{ width: 220 }} aria-label="Data source" value={selectedId ?? ''} onChange={(e) => select(e.target.value)}>
        {sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select>
    </label>
  );
}

function ThemeToggle() {
  const { resolved, setChoice } = useTheme();
  const next = resolved === 'dark' ? 'light' : 'dark';
  return (
    <button className="btn btn-ghost btn-icon" onClick={() => setChoice(next)} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      <Icon name={resolved === 'dark' ? 'sun' : 'moon'} />
    </button>
  );
}

function useGlobalShortcuts() {
  const navigate = useRoute((s) => s.navigate);
  const requestFocus = useUi((s) => s.requestQuestionFocus);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (useRoute.getState().route.page !== 'ask') navigate({ page: 'ask' });
        requestFocus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, requestFocus]);
}

function CurrentPage({ page, id }: { page: Page; id?: string }) {
  switch (page) {
    case 'dashboards': return <DashboardsPage dashboardId={id} />;
    case 'insights': return <InsightsPage />;
    case 'reports': return <ReportsPage />;
    case 'sources': return <SourcesPage />;
    case 'sql': return <SqlPage />;
    case 'settings': return <SettingsPage section={id} />;
    case 'admin': return <AdminPage tab={id} />;
    default: return <ChatPage conversationId={id} />;
  }
}

export function Shell() {
  const route = useRoute((s) => s.route);
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  const loadSources = useSources((s) => s.load);
  useEffect(() => { void loadSources(user?.id); }, [loadSources, user?.id]);
  useGlobalShortcuts();
  const allowed = (page: Page) => {
    const permission = NAV.find((item) => item.page === page)?.permission;
    return !permission || Boolean(user?.permissions.includes(permission));
  };
  const firstAllowed = NAV.find((item) => allowed(item.page))?.page ?? 'settings';

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand"><div className="brand-mark" aria-hidden="true">A</div><span className="brand-name">Aiser</span></div>
        <SourcePicker />
        <div className="spacer" />
        {allowed('ask') ? <span className="muted small topbar-hint" aria-hidden="true" style={{ whiteSpace: 'nowrap' }}><kbd className="kbd">Ctrl</kbd> <kbd className="kbd">K</kbd> to ask</span> : null}
        <ThemeToggle />
        <span className="small topbar-user" title={user?.email} style={{ whiteSpace: 'nowrap' }}>{user?.name}</span>
        <button className="btn btn-ghost btn-icon" onClick={() => void signOut()} aria-label="Sign out" title="Sign out"><Icon name="signout" /></button>
      </header>
      <nav className="nav" aria-label="Main">
        {NAV.filter((item) => allowed(item.page)).map((item) => (
          <a key={item.page} href={hrefOf({ page: item.page })} aria-current={route.page === item.page ? 'page' : undefined} title={item.label}>
            <Icon name={item.icon} /><span>{item.label}</span>
          </a>
        ))}
      </nav>
      <main className="main" id="main">
        <CurrentPage page={allowed(route.page) ? route.page : firstAllowed} id={allowed(route.page) ? route.id : undefined} />
      </main>
    </div>
  );
}
