/** Per-organization provider settings, kept in the organization's settings JSON under
 *  `aiProviders`; API keys are stored only as SecretBox ciphertext. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { providerInputSchema, type ProviderInput } from '../../../../shared/api/domains/ai';
import type { RequestContext } from '../../../../shared/types/auth';
import { assertSecretsStayWithDestination } from '../../security/secretDestinations';
import type { SecretBox } from '../../security/secrets';
import type { JsonValue, Store } from '../../store';
import { PROVIDER_REGISTRY, type ProviderSettings, type ResolvedProvider } from './registry';

const SETTINGS_KEY = 'aiProviders';

const storedSchema = providerInputSchema.extend({ id: z.string(), apiKeyBox: z.string().optional() });
type StoredProvider = z.output<typeof storedSchema>;

export class ProviderNotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(id: string) {
    super(`There is no AI provider "${id}" in this organization. Refresh the list and pick one that exists.`);
  }
}

export class ProviderConfigs {
  constructor(private readonly store: Store, private readonly secrets: SecretBox) {}

  /** Settings without keys, in fallback order (priority, then name). */
  async list(ctx: RequestContext): Promise<Array<ProviderSettings & { hasApiKey: boolean }>> {
    const stored = await this.readStored(ctx);
    return stored.map(({ apiKeyBox, ...settings }) => ({ ...settings, hasApiKey: Boolean(apiKeyBox) }));
  }

  /** Enabled providers with decrypted keys, in fallback order. */
  async resolved(ctx: RequestContext): Promise<ResolvedProvider[]> {
    const stored = await this.readStored(ctx);
    return stored.filter((p) => p.enabled).map((p) => this.resolve(p));
  }

  /** The stored key of a provider, for testing edited settings — only while the endpoint is
   *  the one the key was entered for. */
  async keyForEndpoint(ctx: RequestContext, id: string, endpoint: string): Promise<string | undefined> {
    const saved = await this.resolvedById(ctx, id);
    if (saved.apiKey) assertSecretsStayWithDestination({ endpoint }, { endpoint: saved.endpoint }, 'apiKey');
    return saved.apiKey;
  }

  async resolvedById(ctx: RequestContext, id: string): Promise<ResolvedProvider> {
    const found = (await this.readStored(ctx)).find((p) => p.id === id);
    if (!found) throw new ProviderNotFoundError(id);
    return this.resolve(found);
  }

  async save(ctx: RequestContext, input: ProviderInput): Promise<ProviderSettings & { hasApiKey: boolean }> {
    const parsed = providerInputSchema.parse(input);
    const stored = await this.readStored(ctx);
    const previous = parsed.id ? stored.find((p) => p.id === parsed.id) : undefined;
    if (parsed.id && !previous) throw new ProviderNotFoundError(parsed.id);
    const { apiKey, ...settings } = parsed;
    if (previous?.apiKeyBox && apiKey === undefined) assertSecretsStayWithDestination(parsed, previous, 'apiKey');
    const apiKeyBox = apiKey === undefined ? previous?.apiKeyBox : apiKey === '' ? undefined : this.secrets.encrypt(apiKey);
    if (PROVIDER_REGISTRY[settings.kind].needsKey && !apiKeyBox) {
      throw Object.assign(new Error(`${PROVIDER_REGISTRY[settings.kind].label} needs an API key. Paste the key from the provider’s console.`), { name: 'ValidationError', field: 'apiKey' });
    }
    const next: StoredProvider = { ...settings, id: previous?.id ?? randomUUID(), apiKeyBox };
    await this.writeStored(ctx, [...stored.filter((p) => p.id !== next.id), next]);
    const { apiKeyBox: box, ...view } = next;
    return { ...view, hasApiKey: Boolean(box) };
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const stored = await this.readStored(ctx);
    if (!stored.some((p) => p.id === id)) throw new ProviderNotFoundError(id);
    await this.writeStored(ctx, stored.filter((p) => p.id !== id));
  }

  private resolve(stored: StoredProvider): ResolvedProvider {
    const { apiKeyBox, ...settings } = stored;
    return { ...settings, apiKey: apiKeyBox ? this.secrets.decrypt(apiKeyBox) : undefined };
  }

  private async readStored(ctx: RequestContext): Promise<StoredProvider[]> {
    const org = await this.store.organizations.get(ctx);
    const raw = org.settings[SETTINGS_KEY];
    if (!Array.isArray(raw)) return [];
    const valid = raw.flatMap((entry) => {
      const parsed = storedSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    return valid.sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  }

  private async writeStored(ctx: RequestContext, providers: StoredProvider[]): Promise<void> {
    const org = await this.store.organizations.get(ctx);
    const json = JSON.parse(JSON.stringify(providers)) as JsonValue;
    await this.store.organizations.update(ctx, { settings: { ...org.settings, [SETTINGS_KEY]: json } });
  }
}
