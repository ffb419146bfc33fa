import fs from 'node:fs';
import path from 'node:path';
import { machinePolicySchema, type MachinePolicy } from './schema';

export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** Where IT puts the machine policy, per operating system (AISER_POLICY_FILE overrides). */
export function policyLocation(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (env.AISER_POLICY_FILE) return path.resolve(env.AISER_POLICY_FILE);
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Aiser', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Aiser/policy.json';
  return '/etc/aiser/policy.json';
}

export interface LoadedPolicy {
  policy: MachinePolicy;
  /** The file it came from; null when the machine is not managed. */
  file: string | null;
}

/** Reads the machine policy. No file: unmanaged. A file that is unreadable or invalid stops the
 *  app with a message naming the file and the field: running unmanaged would be the wrong failure. */
export function loadMachinePolicy(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): LoadedPolicy {
  const file = policyLocation(platform, env);
  if (!fs.existsSync(file)) {
    if (env.AISER_POLICY_FILE) throw new PolicyError(`The policy file ${file} (AISER_POLICY_FILE) does not exist. Fix the path or unset the variable.`);
    return { policy: {}, file: null };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError(`The policy file ${file} is not valid JSON (${(error as Error).message}). Ask IT to fix it.`);
  }
  const parsed = machinePolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(top level)';
    throw new PolicyError(`The policy file ${file} is invalid at "${where}": ${issue.message}. Ask IT to fix it.`);
  }
  return { policy: parsed.data, file };
}
