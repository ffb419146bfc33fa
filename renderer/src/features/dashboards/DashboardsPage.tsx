import { type FormEvent, useEffect, useState } from 'react';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { hrefOf, useRoute } from '../../stores/route';
import { useSession } from '../../stores/session';
import { useSelectedSource } from '../../stores/sources';
import { DashboardView } from './DashboardView';

interface DashboardSummary { id: string; name: string; widgetCount: number; updatedAt: string; shared: boolean }

function DashboardList() {
  const [dashboards, setDashboards] = useState<DashboardSummary[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const navigate = useRoute((s) => s.navigate);
  const source = useSelectedSource();
  const user = useSession((s) => s.user);
  const projectId = source?.projectId ?? user?.projects[0]?.id;
  const canCreate = Boolean(user?.permissions.includes('dashboards:manage'));

  useEffect(() => { api.call('dashboards/list', {}).then(setDashboards).catch((e) => { setDashboards([]); setError(describeError(e)); }); }, []);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!projectId || !name.trim()) return;
    try {
      const dashboard = await api.call('dashboards/create', { projectId, name: name.trim() });
      navigate({ page: 'dashboards', id: dashboard.id });
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <div className="page">
      <div className="page-header">
        <div className="grow"><h1>Dashboards</h1><p>Answers you saved, kept fresh. Share a dashboard with your project.</p></div>
        {canCreate ? <form className="row" onSubmit={create}>
          <label htmlFor="new-dashboard-name" className="sr-only">New dashboard name</label>
          <input id="new-dashboard-name" className="input" style={{ width: 240 }} placeholder="New dashboard name" value={name} onChange={(e) => setName(e.target.value)} />
          <button className="btn btn-primary" type="submit" disabled={!name.trim() || !projectId}><Icon name="plus" size={16} />Create</button>
        </form> : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!dashboards ? <div className="skeleton" style={{ height: 120 }}>Loading dashboards…</div> : dashboards.length === 0 ? (
        <div className="card empty"><Icon name="dashboards" size={28} /><h2>No dashboards yet</h2><p>{canCreate ? 'Create one here, or ask a question and choose “Save to dashboard”.' : 'Dashboards shared with you will appear here.'}</p></div>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 12 }} role="list">
          {dashboards.map((d) => (
            <a key={d.id} role="listitem" className="card card-pad col" href={hrefOf({ page: 'dashboards', id: d.id })} style={{ textDecoration: 'none', color: 'inherit', gap: 6 }} data-testid="dashboard-card">
              <h2>{d.name}</h2>
              <span className="muted small">{d.widgetCount} widget{d.widgetCount === 1 ? '' : 's'} · updated {new Date(d.updatedAt).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' })}</span>
              {d.shared ? <span className="badge" style={{ width: 'fit-content' }}>Shared with the project</span> : null}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}

export function DashboardsPage({ dashboardId }: { dashboardId?: string }) {
  return dashboardId ? <DashboardView dashboardId={dashboardId} /> : <DashboardList />;
}
