import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { PROVIDER_KINDS, type ConfigurableProviderKind, type ProviderView } from '../../../../shared/api/domains/ai';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';

const KIND_WORDS: Record<ConfigurableProviderKind, string> = {
  openai: 'OpenAI', 'azure-openai': 'Azure OpenAI', 'openai-compatible': 'OpenAI-compatible server', ollama: 'Ollama (on this network)', anthropic: 'Anthropic',
};
const DEFAULT_ENDPOINTS: Record<ConfigurableProviderKind, string> = {
  openai: 'https://api.openai.com/v1', 'azure-openai': 'https://<resource>.openai.azure.com', 'openai-compatible': 'http://localhost:8000/v1', ollama: 'http://localhost:11434', anthropic: 'https://api.anthropic.com',
};

function HealthBadge({ provider }: { provider: ProviderView }) {
  const { status, breaker, latencyMs } = provider.health;
  const label = !provider.enabled ? 'Off' : status === 'healthy' ? 'Healthy' : status === 'unhealthy' ? 'Not responding' : 'Not checked';
  return (
    <span className={`badge ${status === 'healthy' && provider.enabled ? 'badge-ok' : status === 'unhealthy' ? 'badge-error' : ''}`} title={provider.health.lastError ?? undefined}>
      {label}{latencyMs.p50 !== null ? ` · ${Math.round(latencyMs.p50)} ms` : ''}{breaker === 'open' ? ' · paused' : ''}
    </span>
  );
}

/** Language-model providers and their health; the built-in offline engine always answers. */
export function ProvidersSection() {
  const [providers, setProviders] = useState<ProviderView[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [adding, setAdding] = useState(false);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [form, setForm] = useState({ name: '', kind: 'ollama' as ConfigurableProviderKind, endpoint: DEFAULT_ENDPOINTS.ollama, model: '', apiKey: '', contextWindow: '' });

  const load = useCallback(() => { api.call('ai/listProviders', {}).then(setProviders).catch((e) => setError(describeError(e))); }, []);
  useEffect(load, [load]);

  const input = () => ({
    name: form.name, kind: form.kind, endpoint: form.endpoint, model: form.model, ...(form.apiKey ? { apiKey: form.apiKey } : {}),
    ...(form.contextWindow.trim() ? { contextWindow: Number(form.contextWindow) } : {}),
  });

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(describeError(e));
      return undefined;
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (await run(() => api.call('ai/saveProvider', input()))) { setAdding(false); setTest(null); load(); }
  }

  return (
    <section className="card card-pad col" style={{ gap: 12 }} aria-labelledby="providers-title">
      <div className="row" style={{ flexWrap: 'wrap' }}><h2 id="providers-title" className="grow">AI providers</h2>
        <button className="btn btn-sm" onClick={() => void run(async () => { await api.call('ai/checkHealth', {}); load(); })}><Icon name="refresh" size={15} />Check now</button>
        <button className="btn btn-sm" onClick={() => setAdding(!adding)} aria-expanded={adding}><Icon name="plus" size={15} />Add a provider</button></div>
      <p className="muted small">The built-in offline engine always answers. A language model, when added, helps with questions the built-in engine does not understand; numbers always come from your data.</p>
      {adding ? (
        <form className="col" style={{ gap: 10 }} onSubmit={save} aria-label="Add a provider">
          <div className="row" style={{ flexWrap: 'wrap' }}>
            <div className="field grow"><label htmlFor="provider-name">Name</label><input id="provider-name" className="input" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="Team Ollama" /></div>
            <div className="field grow"><label htmlFor="provider-kind">Kind</label>
              <select id="provider-kind" className="select" value={form.kind} onChange={(e) => { const kind = e.target.value as ConfigurableProviderKind; setForm({ ...form, kind, endpoint: DEFAULT_ENDPOINTS[kind] }); }}>
                {PROVIDER_KINDS.map((k) => <option key={k} value={k}>{KIND_WORDS[k]}</option>)}
              </select></div>
          </div>
          <div className="row" style={{ flexWrap: 'wrap' }}>
            <div className="field grow"><label htmlFor="provider-endpoint">Address</label><input id="provider-endpoint" className="input mono" required value={form.endpoint} onChange={(e) => setForm({ ...form, endpoint: e.target.value })} /></div>
            <div className="field grow"><label htmlFor="provider-model">Model</label><input id="provider-model" className="input" required value={form.model} onChange={(e) => setForm({ ...form, model: e.target.value })} placeholder="llama3.1:8b" /></div>
          </div>
          <div className="field"><label htmlFor="provider-key">API key</label><input id="provider-key" className="input" type="password" autoComplete="off" value={form.apiKey} onChange={(e) => setForm({ ...form, apiKey: e.target.value })} />
            <span className="muted small">Stored encrypted; never shown again. Leave empty for local servers.</span></div>
          <div className="field"><label htmlFor="provider-window">Context window (tokens, optional)</label><input id="provider-window" className="input" inputMode="numeric" value={form.contextWindow} onChange={(e) => setForm({ ...form, contextWindow: e.target.value.replace(/[^\d]/g, '') })} placeholder="known from the model, e.g. 128000" />
            <span className="muted small">How much the model reads at once; sizes the schema and examples sent. Leave empty for well-known models{form.kind === 'ollama' ? ' (Ollama: 4,096 unless you set it here, and then it is sent as num_ctx)' : ''}.</span></div>
          {test ? <div className={`alert ${test.ok ? '' : 'alert-error'}`} role={test.ok ? 'status' : 'alert'}><strong>{test.ok ? 'It answers.' : 'No answer.'}</strong> {test.message}</div> : null}
          <div className="row"><div className="spacer" />
            <button type="button" className="btn" onClick={() => setAdding(false)}>Cancel</button>
            <button type="button" className="btn" onClick={() => void run(async () => setTest(await api.call('ai/testProvider', input())))}>Test</button>
            <button className="btn btn-primary" type="submit">Save</button></div>
        </form>
      ) : null}
      {error ? <ErrorNotice error={error} technical /> : null}
      {!providers ? <div className="skeleton" style={{ height: 60 }}>Loading providers…</div> : (
        <div className="list" role="list" aria-label="Providers">
          <div role="listitem" className="list-item" style={{ cursor: 'default' }}>
            <span className="grow col" style={{ gap: 0 }}><span style={{ fontWeight: 500 }}>Built-in offline engine</span><span className="muted small">Runs on this computer; no data leaves it</span></span>
            <span className="badge badge-ok">Always on</span>
          </div>
          {providers.map((p) => (
            <div key={p.id} role="listitem" className="list-item" style={{ cursor: 'default' }}>
              <span className="grow col" style={{ gap: 0 }}><span style={{ fontWeight: 500 }}>{p.name}</span><span className="muted small">{KIND_WORDS[p.kind]} · {p.model}{p.contextWindow ? ` · ${p.contextWindow.toLocaleString()} tokens` : ''}</span></span>
              <HealthBadge provider={p} />
              <button className="btn btn-ghost btn-icon" aria-label={`Remove ${p.name}`} title="Remove" onClick={() => { if (window.confirm(`Remove ${p.name}?`)) void run(async () => { await api.call('ai/removeProvider', { id: p.id }); load(); }); }}><Icon name="trash" size={16} /></button>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
