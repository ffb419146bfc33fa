import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMachinePolicy, managedSettings, policyLocation, providerRefusal } from './index';

function policyFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-policy-'));
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, content);
  return file;
}

describe('machine policy file', () => {
  it('lives in the documented place on each operating system, unless AISER_POLICY_FILE says otherwise', () => {
    expect(policyLocation('linux', {})).toBe('/etc/aiser/policy.json');
    expect(policyLocation('darwin', {})).toBe('/Library/Application Support/Aiser/policy.json');
    expect(policyLocation('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Aiser\\policy.json');
    expect(policyLocation('linux', { AISER_POLICY_FILE: '/opt/p.json' })).toBe('/opt/p.json');
  });

  it('is unmanaged without a file, and refuses to start on a broken or misspelt one', () => {
    expect(loadMachinePolicy('linux', { AISER_POLICY_FILE: undefined })).toMatchObject({ file: null });
    expect(() => loadMachinePolicy('linux', { AISER_POLICY_FILE: '/nowhere/policy.json' })).toThrow(/does not exist/);
    expect(() => loadMachinePolicy('linux', { AISER_POLICY_FILE: policyFile('{ not json') })).toThrow(/not valid JSON/);
    expect(() => loadMachinePolicy('linux', { AISER_POLICY_FILE: policyFile('{"ai": {"forceOfline": true}}') })).toThrow(/invalid at "ai"/);
    expect(() => loadMachinePolicy('linux', { AISER_POLICY_FILE: policyFile('{"ai": {"allowedProviderKinds": ["skynet"]}}') })).toThrow(/ai\.allowedProviderKinds\.0/);
  });

  it('refuses providers outside the allowed kinds and endpoints, and every provider when forced offline', () => {
    const { policy } = loadMachinePolicy('linux', { AISER_POLICY_FILE: policyFile(JSON.stringify({ ai: { allowedProviderKinds: ['ollama'], allowedEndpoints: ['http://llm.corp.example:11434/'] } })) });
    expect(providerRefusal(policy, { kind: 'ollama', endpoint: 'http://llm.corp.example:11434/api' })).toBeNull();
    expect(providerRefusal(policy, { kind: 'openai', endpoint: 'http://llm.corp.example:11434/' })).toMatch(/only these provider kinds: ollama/);
    expect(providerRefusal(policy, { kind: 'ollama', endpoint: 'https://api.elsewhere.example/' })).toMatch(/only these endpoints/);
    expect(providerRefusal({ ai: { forceOffline: true } }, { kind: 'ollama', endpoint: 'http://llm.corp.example:11434/' })).toMatch(/offline/);
    expect(providerRefusal({}, { kind: 'openai', endpoint: 'https://api.openai.com/v1' })).toBeNull();
  });

  it('lists what it manages in plain words', () => {
    const settings = managedSettings({ ai: { forceOffline: true }, exports: { allowed: false }, telemetry: false, autoUpdate: false, presetSources: [{ name: 'Finance warehouse', config: {} }] });
    expect(settings).toEqual(expect.arrayContaining([
      { key: 'Language models', value: 'Off: only the built-in offline engine answers' },
      { key: 'Exports', value: 'Not allowed' },
      { key: 'Preset data sources', value: 'Finance warehouse' },
      { key: 'Automatic updates', value: 'Off' },
    ]));
  });
});
