export { loadMachinePolicy, policyLocation, PolicyError, type LoadedPolicy } from './load';
export { flagsTurnedOff, machinePolicySchema, managedSettings, providerRefusal, type MachinePolicy, type ManagedSetting } from './schema';
export { applyMachinePolicy } from './enforce';
export { createPresetSources } from './presetSources';
