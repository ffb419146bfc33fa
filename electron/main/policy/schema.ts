import { z } from 'zod';
import { PROVIDER_KINDS } from '../../../shared/api/domains/ai';
import type { FeatureFlag } from '../../../shared/types/tenant';

/** The machine-wide policy file IT pushes to managed desktops (and may use on servers). Anything
 *  it sets wins over what people choose in the app. Unknown keys are refused, so a typo in a
 *  policy never silently leaves a machine unmanaged. */
export const machinePolicySchema = z.strictObject({
  ai: z.strictObject({
    /** Only the built-in offline engine answers; no language model is ever called. */
    forceOffline: z.boolean().optional(),
    /** Provider kinds people may configure (e.g. ["ollama"]). */
    allowedProviderKinds: z.array(z.enum(PROVIDER_KINDS)).optional(),
    /** URL prefixes provider endpoints must start with (e.g. ["https://llm.corp.example/"]). */
    allowedEndpoints: z.array(z.string().url()).optional(),
  }).optional(),
  exports: z.strictObject({ allowed: z.boolean() }).optional(),
  reports: z.strictObject({ allowScheduling: z.boolean().optional(), allowExternalEmail: z.boolean().optional() }).optional(),
  /** Data sources every organization gets (created once, at start). */
  presetSources: z.array(z.strictObject({ name: z.string().trim().min(1).max(200), config: z.record(z.string(), z.unknown()) })).optional(),
  telemetry: z.literal(false).optional(),
  autoUpdate: z.boolean().optional(),
});
export type MachinePolicy = z.infer<typeof machinePolicySchema>;

/** What the app shows under "Managed by your organization". */
export interface ManagedSetting {
  key: string;
  value: string;
}

export function managedSettings(policy: MachinePolicy): ManagedSetting[] {
  const out: ManagedSetting[] = [];
  if (policy.ai?.forceOffline) out.push({ key: 'Language models', value: 'Off: only the built-in offline engine answers' });
  if (policy.ai?.allowedProviderKinds) out.push({ key: 'Allowed AI providers', value: policy.ai.allowedProviderKinds.join(', ') || 'none' });
  if (policy.ai?.allowedEndpoints) out.push({ key: 'Allowed AI endpoints', value: policy.ai.allowedEndpoints.join(', ') || 'none' });
  if (policy.exports) out.push({ key: 'Exports', value: policy.exports.allowed ? 'Allowed' : 'Not allowed' });
  if (policy.reports?.allowScheduling !== undefined) out.push({ key: 'Report schedules', value: policy.reports.allowScheduling ? 'Allowed' : 'Not allowed' });
  if (policy.reports?.allowExternalEmail !== undefined) out.push({ key: 'E-mail outside the organization', value: policy.reports.allowExternalEmail ? 'Allowed' : 'Not allowed' });
  if (policy.presetSources?.length) out.push({ key: 'Preset data sources', value: policy.presetSources.map((s) => s.name).join(', ') });
  if (policy.telemetry === false) out.push({ key: 'Usage telemetry', value: 'Off' });
  if (policy.autoUpdate !== undefined) out.push({ key: 'Automatic updates', value: policy.autoUpdate ? 'On' : 'Off' });
  return out;
}

/** Why a provider setting is not allowed on this machine, or null when it is. */
export function providerRefusal(policy: MachinePolicy, provider: { kind: string; endpoint: string }): string | null {
  const ai = policy.ai;
  if (!ai) return null;
  if (ai.forceOffline) return 'This computer is managed to work offline: language-model providers cannot be used.';
  if (ai.allowedProviderKinds && !ai.allowedProviderKinds.includes(provider.kind as never)) {
    return `Your organization's policy allows only these provider kinds: ${ai.allowedProviderKinds.join(', ') || 'none'}.`;
  }
  if (ai.allowedEndpoints && !ai.allowedEndpoints.some((prefix) => provider.endpoint.toLowerCase().startsWith(prefix.toLowerCase()))) {
    return `Your organization's policy allows only these endpoints: ${ai.allowedEndpoints.join(', ') || 'none'}.`;
  }
  return null;
}

/** Organization feature flags the policy turns off on this installation, whatever an
 *  administrator sets: the server's call controls then refuse (or run offline) the calls they
 *  concern, the same way as for a flag turned off in the organization. */
export function flagsTurnedOff(policy: MachinePolicy): Set<FeatureFlag> {
  const off = new Set<FeatureFlag>();
  if (policy.ai?.forceOffline) off.add('languageModels');
  if (policy.exports?.allowed === false) off.add('exports');
  if (policy.reports?.allowScheduling === false) off.add('reportScheduling');
  if (policy.reports?.allowExternalEmail === false) off.add('externalEmail');
  return off;
}
