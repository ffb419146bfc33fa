/** Which URLs the desktop shell may open or navigate to. Pure functions (no Electron import) so
 *  the policy is unit-tested in plain Node. */

export const APP_ORIGIN = 'app://aiser';

/** Hosts whose https pages may be opened in the system browser (docs, support). */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = ['aiser.io', 'docs.aiser.io', 'aiser.app'];

export function isTrustedRendererUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url === APP_ORIGIN;
}

/** Only https, only allow-listed hosts (exact match), no embedded credentials or odd ports. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  return EXTERNAL_HOST_ALLOW_LIST.includes(parsed.hostname.toLowerCase());
}
