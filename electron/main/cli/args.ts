export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  flags: Record<string, string | true>;
  positional: string[];
}

/** `--name value`, `--name=value` and boolean `--name` (listed in `booleans`). */
export function parseArgs(args: string[], spec: { values: readonly string[]; booleans?: readonly string[] }): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.booleans?.includes(name)) {
      flags[name] = true;
    } else if (spec.values.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
      flags[name] = value;
    } else {
      throw new UsageError(`Unknown option --${name}. Options: ${[...spec.values, ...(spec.booleans ?? [])].map((o) => `--${o}`).join(', ')}.`);
    }
  }
  return { flags, positional };
}

export function flag(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.flags[name];
  return typeof value === 'string' ? value : undefined;
}
