/** Hides secrets in a connection config before it leaves main, and puts them back when an
 *  edited config comes back with the placeholder still in place ("keep the saved secret"). */

export const SECRET_PLACEHOLDER = '••••';

const SECRET_KEY = /pass(word|phrase)?|secret|token|api[-_]?key|authorization|credential|private[-_]?key|cookie/i;
/** Objects whose every value is treated as secret (HTTP headers often carry credentials). */
const SECRET_CONTAINER_KEY = /^headers$/i;

type Json = unknown;

export function redactSecrets<T>(config: T): T {
  return redact(config, false) as T;
}

function redact(value: Json, secret: boolean): Json {
  if (Array.isArray(value)) return value.map((item) => redact(item, secret));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, redact(inner, secret || SECRET_KEY.test(key) || SECRET_CONTAINER_KEY.test(key))]),
    );
  }
  if (typeof value !== 'string') return secret && value !== null && value !== undefined ? SECRET_PLACEHOLDER : value;
  if (secret) return value === '' ? '' : SECRET_PLACEHOLDER;
  return redactUrlPassword(value);
}

/** `postgres://me:pw@host/db` → `postgres://me:••••@host/db`; other strings unchanged. */
function redactUrlPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]+@/i, `$1:${SECRET_PLACEHOLDER}@`);
}

/** Returns `edited` with every placeholder replaced by the secret saved at the same path in
 *  `saved` (including a URL's password); a changed value replaces the saved secret. */
export function restoreRedactedSecrets<T>(edited: T, saved: unknown): T {
  return restore(edited, saved) as T;
}

function restore(edited: Json, saved: Json): Json {
  if (Array.isArray(edited)) {
    return edited.map((item, index) => restore(item, Array.isArray(saved) ? saved[index] : undefined));
  }
  if (edited !== null && typeof edited === 'object') {
    const savedObject = saved !== null && typeof saved === 'object' ? (saved as Record<string, Json>) : {};
    return Object.fromEntries(Object.entries(edited).map(([key, inner]) => [key, restore(inner, savedObject[key])]));
  }
  if (edited === SECRET_PLACEHOLDER) return saved;
  if (typeof edited === 'string' && typeof saved === 'string' && edited.includes(`:${SECRET_PLACEHOLDER}@`)) {
    return edited === redactUrlPassword(saved) ? saved : edited;
  }
  return edited;
}
