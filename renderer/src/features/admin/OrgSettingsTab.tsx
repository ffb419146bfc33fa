import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { OrgSettingsView } from '../../../../shared/api/domains/organizations';
import { FEATURE_FLAGS, FEATURE_FLAG_KEYS, USAGE_LIMITS, USAGE_LIMIT_KEYS, type UsageLimit } from '../../../../shared/types/tenant';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { attempt, useLoad } from './useCall';

/** Organization settings: feature flags, usage limits with consumption, query cost limits, branding colours. */
export function OrgSettingsTab() {
  const settings = useLoad(useCallback(() => api.call('org/settings', {}), []));
  const usage = useLoad(useCallback(() => api.call('org/usage', {}), []));
  const [draft, setDraft] = useState<OrgSettingsView | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { if (settings.data) setDraft(settings.data); }, [settings.data]);
  if (!draft) return settings.error ? <ErrorNotice error={settings.error} /> : <div className="skeleton" style={{ height: 120 }}>Loading settings…</div>;

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (await attempt(() => api.call('org/updateSettings', { flags: draft!.flags, limits: draft!.limits, branding: draft!.branding, metricRetentionDays: draft!.metricRetentionDays, queryCost: draft!.queryCost }), settings.setError)) {
      setSaved(true);
      settings.reload();
      usage.reload();
    }
  }
  const setCost = (key: keyof OrgSettingsView['queryCost'], text: string) => setDraft({ ...draft, queryCost: { ...draft.queryCost, [key]: text.trim() === '' ? null : Math.max(1, Math.round(Number(text))) } });
  const setLimit = (limit: UsageLimit, text: string) => setDraft({ ...draft, limits: { ...draft.limits, [limit]: text.trim() === '' ? null : Math.max(0, Math.round(Number(text))) } });

  return (
    <form className="col" style={{ gap: 16 }} onSubmit={save} aria-label="Organization settings">
      <fieldset className="card card-pad col" style={{ gap: 8 }}>
        <legend className="label">Features</legend>
        {FEATURE_FLAG_KEYS.map((flag) => (
          <label key={flag} className="row" style={{ minHeight: 40, alignItems: 'flex-start' }}>
            <input type="checkbox" checked={draft.flags[flag]} onChange={(e) => setDraft({ ...draft, flags: { ...draft.flags, [flag]: e.target.checked } })} style={{ width: 18, height: 18, marginTop: 3 }} />
            <span><strong>{FEATURE_FLAGS[flag].label}</strong><br /><span className="muted small">{FEATURE_FLAGS[flag].what}</span></span>
          </label>
        ))}
      </fieldset>
      <fieldset className="card card-pad col" style={{ gap: 8 }}>
        <legend className="label">Usage limits (empty: no limit)</legend>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Usage (scrollable)">
          <table className="data" aria-label="Usage against limits">
            <thead><tr><th scope="col">Limit</th><th scope="col">Used</th><th scope="col">Maximum</th></tr></thead>
            <tbody>{USAGE_LIMIT_KEYS.map((limit) => {
              const line = usage.data?.find((l) => l.limit === limit);
              return (
                <tr key={limit}>
                  <td>{USAGE_LIMITS[limit].label}</td>
                  <td>{line ? `${line.used.toLocaleString()}${line.max !== null ? ` of ${line.max.toLocaleString()}` : ''}` : '…'}</td>
                  <td><input className="input" style={{ width: 140 }} inputMode="numeric" aria-label={`Maximum ${USAGE_LIMITS[limit].label.toLowerCase()}`} value={draft.limits[limit] ?? ''} onChange={(e) => setLimit(limit, e.target.value)} /></td>
                </tr>
              );
            })}</tbody>
          </table>
        </div>
        <div className="field"><label htmlFor="retention">Keep usage metrics for (days)</label>
          <input id="retention" className="input" style={{ width: 140 }} type="number" min={1} max={3650} value={draft.metricRetentionDays} onChange={(e) => setDraft({ ...draft, metricRetentionDays: Number(e.target.value) })} /></div>
      </fieldset>
      <fieldset className="card card-pad col" style={{ gap: 8 }}>
        <legend className="label">PostgreSQL query cost limits (empty: the server’s)</legend>
        <p className="muted small" style={{ margin: 0 }}>A query the database expects to exceed a limit is refused before it runs, with advice on narrowing it. These can only tighten the server’s own limits.</p>
        <div className="row" style={{ gap: 16, flexWrap: 'wrap' }}>
          <div className="field"><label htmlFor="max-step-rows">Most rows one step may produce</label>
            <input id="max-step-rows" className="input" style={{ width: 180 }} inputMode="numeric" value={draft.queryCost.maxStepRows ?? ''} onChange={(e) => setCost('maxStepRows', e.target.value)} /></div>
          <div className="field"><label htmlFor="max-plan-cost">Highest planner cost</label>
            <input id="max-plan-cost" className="input" style={{ width: 180 }} inputMode="numeric" value={draft.queryCost.maxPlanCost ?? ''} onChange={(e) => setCost('maxPlanCost', e.target.value)} /></div>
        </div>
      </fieldset>
      <fieldset className="card card-pad row" style={{ gap: 16, flexWrap: 'wrap' }}>
        <legend className="label">Branding (used by reports)</legend>
        <div className="field"><label htmlFor="brand-primary">Primary colour</label><input id="brand-primary" type="color" value={draft.branding.primary} onChange={(e) => setDraft({ ...draft, branding: { ...draft.branding, primary: e.target.value } })} /></div>
        <div className="field"><label htmlFor="brand-accent">Accent colour</label><input id="brand-accent" type="color" value={draft.branding.accent} onChange={(e) => setDraft({ ...draft, branding: { ...draft.branding, accent: e.target.value } })} /></div>
      </fieldset>
      {settings.error ? <ErrorNotice error={settings.error} /> : null}
      <div className="row"><button className="btn btn-primary" type="submit">Save settings</button>{saved ? <span role="status" className="muted">Saved.</span> : null}</div>
    </form>
  );
}
