import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { useSession } from '../../stores/session';
import { AlertsTab } from './AlertsTab';
import { AuditTab } from './AuditTab';
import { ChartStressTest } from './ChartStressTest';
import { LineageTab } from './LineageTab';
import { OrganizationsTab } from './OrganizationsTab';
import { OrgSettingsTab } from './OrgSettingsTab';
import { PeopleSection } from './PeopleSection';
import { PoliciesTab } from './PoliciesTab';
import { ProjectsTab } from './ProjectsTab';

/** Administration screens and the permission each needs (the server enforces the same). */
const TABS = [
  { id: 'organization', label: 'Organization', permission: 'org:manage', Screen: OrgSettingsTab },
  { id: 'people', label: 'People', permission: 'users:manage', Screen: PeopleSection },
  { id: 'projects', label: 'Projects', permission: 'users:manage', Screen: ProjectsTab },
  { id: 'policies', label: 'Data policies', permission: 'org:manage', Screen: PoliciesTab },
  { id: 'audit', label: 'Audit log', permission: 'audit:read', Screen: AuditTab },
  { id: 'lineage', label: 'Lineage', permission: 'audit:read', Screen: LineageTab },
  { id: 'alerts', label: 'Alerts', permission: 'audit:read', Screen: AlertsTab },
  { id: 'organizations', label: 'All organizations', permission: 'org:manage', Screen: OrganizationsTab, platformOnly: true },
  { id: 'diagnostics', label: 'Diagnostics', permission: 'org:manage', Screen: ChartStressTest },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function AdminPage({ tab }: { tab?: string }) {
  const user = useSession((s) => s.user);
  const [platform, setPlatform] = useState(false);
  useEffect(() => { api.call('orgs/list', {}).then(() => setPlatform(true)).catch(() => setPlatform(false)); }, []);
  const visible = TABS.filter((t) => user?.permissions.includes(t.permission) && (!('platformOnly' in t) || platform));
  const current = visible.find((t) => t.id === tab) ?? visible[0];
  if (!current) return <div className="page"><p>Administration is for administrators.</p></div>;
  const select = (id: TabId) => { window.location.hash = `#/admin/${id}`; };

  return (
    <div className="page col" style={{ maxWidth: 1100, gap: 16 }}>
      <div className="page-header"><div className="grow"><h1>Administration</h1><p>{user?.orgName}: who works here, what they may do, and what happened.</p></div></div>
      <div className="tabs" role="tablist" aria-label="Administration">
        {visible.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} type="button" role="tab" className="tab" aria-selected={t.id === current.id} aria-controls="admin-panel" onClick={() => select(t.id)}>{t.label}</button>
        ))}
      </div>
      <div id="admin-panel" role="tabpanel" aria-labelledby={`tab-${current.id}`}>
        <current.Screen />
      </div>
    </div>
  );
}
