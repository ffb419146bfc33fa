import { useMachinePolicy } from '../../stores/machinePolicy';

/** "Managed by your organization": the settings IT's policy file fixes on this machine. */
export function ManagedPanel() {
  const policy = useMachinePolicy();
  if (!policy?.managed) return null;
  return (
    <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby="managed-title">
      <h2 id="managed-title">Managed by your organization</h2>
      <p className="muted small">These settings come from your organization’s policy{policy.file ? ` (${policy.file})` : ''} and override the choices below.</p>
      <dl className="col" style={{ gap: 6, margin: 0 }}>
        {policy.settings.map((setting) => (
          <div key={setting.key} className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
            <dt style={{ minWidth: 220, fontWeight: 600 }}>{setting.key}</dt>
            <dd style={{ margin: 0 }}>{setting.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
