import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isTrustedRendererUrl } from './urlPolicy';

describe('desktop URL policy', () => {
  it('opens only allow-listed https pages externally', () => {
    expect(isAllowedExternalUrl('https://docs.aiser.io/guide')).toBe(true);
    expect(isAllowedExternalUrl('https://aiser.io/')).toBe(true);
    for (const url of [
      'http://docs.aiser.io/guide', // not https
      'https://docs.aiser.io.evil.com/', // suffix trick
      'https://evil.com/?https://docs.aiser.io/',
      'https://user:pw@docs.aiser.io/', // credentials
      'https://docs.aiser.io:8443/', // unusual port
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://docs.aiser.io/share',
      'not a url',
    ]) expect(isAllowedExternalUrl(url), url).toBe(false);
  });

  it('trusts only the app origin for navigation and IPC', () => {
    expect(isTrustedRendererUrl('app://aiser/index.html')).toBe(true);
    expect(isTrustedRendererUrl('app://aiser.evil/index.html')).toBe(false);
    expect(isTrustedRendererUrl('https://aiser.io/')).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/index.html')).toBe(false);
  });
});
