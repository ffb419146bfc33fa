import { SECRET_PLACEHOLDER } from '../store/redaction';

/** A saved secret would go to another address than the one it was entered for. */
export class SecretRequiredError extends Error {
  override name = 'ValidationError';
  constructor(readonly field: string, what: string) {
    super(`The ${what} changed, so the saved secret is not sent there: enter "${field}" again.`);
  }

  readonly hint = 'Type the password, key or header value for the new address (saved secrets only go to the address they were entered for).';
}

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, http: 80, https: 443 };

/** Where a source or provider sends its secrets: scheme, host and port (null: no network address). */
export function destinationOf(config: Record<string, unknown>): string | null {
  const type = typeof config.type === 'string' ? config.type : undefined;
  const url = typeof config.url === 'string' ? config.url : typeof config.endpoint === 'string' ? config.endpoint : undefined;
  if ((type === 'postgres' || type === 'mysql') && !url) {
    const host = typeof config.host === 'string' ? config.host.toLowerCase() : '';
    return `${type}://${host}:${typeof config.port === 'number' ? config.port : DEFAULT_PORTS[type]}`;
  }
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const scheme = type === 'postgres' || type === 'mysql' ? type : parsed.protocol.replace(/:$/, '');
    const port = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[scheme] ?? 0;
    return `${scheme}://${parsed.hostname.toLowerCase()}:${port}`;
  } catch {
    return `unparsable:${url}`;
  }
}

/** The first field of `edited` that asks to keep a saved secret (the placeholder), if any. */
export function keptSecretField(edited: unknown, at = ''): string | null {
  if (edited === SECRET_PLACEHOLDER) return at || 'secret';
  if (typeof edited === 'string') return edited.includes(`:${SECRET_PLACEHOLDER}@`) ? `${at || 'url'} (password)` : null;
  if (edited === null || typeof edited !== 'object') return null;
  for (const [key, inner] of Object.entries(edited)) {
    const found = keptSecretField(inner, at ? `${at}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses to reuse saved secrets for a changed destination: an edited source or provider that
 * keeps a stored password, key or header (the placeholder) must still point at the same scheme,
 * host and port, or the secret must be typed again.
 */
export function assertSecretsStayWithDestination(edited: Record<string, unknown>, saved: Record<string, unknown>, keptField: string | null = keptSecretField(edited)): void {
  if (!keptField) return;
  if (destinationOf(edited) === destinationOf(saved)) return;
  throw new SecretRequiredError(keptField, typeof edited.endpoint === 'string' ? 'endpoint' : edited.url !== undefined ? 'URL' : 'host or port');
}
