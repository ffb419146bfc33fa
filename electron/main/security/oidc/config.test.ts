import { describe, expect, it } from 'vitest';
import { loadOidcConfig } from './config';

const base = {
  AISER_OIDC_ISSUER: 'https://login.example.com/realms/acme/',
  AISER_OIDC_CLIENT_ID: 'aiser',
  AISER_OIDC_REDIRECT_URI: 'https://aiser.example.com/auth/oidc/callback',
  AISER_OIDC_ORG_ID: 'org-1',
};

describe('loadOidcConfig', () => {
  it('is off without an issuer', () => {
    expect(loadOidcConfig({})).toBeNull();
  });

  it('maps groups to roles and defaults to refusing unmapped people', () => {
    const config = loadOidcConfig({ ...base, AISER_OIDC_ROLE_MAP: 'bi-admins=admin, finance=executive', AISER_OIDC_SCOPES: 'email profile', AISER_OIDC_ALLOWED_DOMAINS: 'Example.com' });
    expect(config).toMatchObject({
      issuer: 'https://login.example.com/realms/acme', roleMap: { 'bi-admins': 'admin', finance: 'executive' }, defaultRole: null,
      scopes: ['openid', 'email', 'profile'], allowedDomains: ['example.com'], autoCreate: true, organizationId: 'org-1', roleClaim: 'groups',
    });
  });

  it('names the variable to fix', () => {
    expect(() => loadOidcConfig({ ...base, AISER_OIDC_ROLE_MAP: 'finance=boss' })).toThrow(/AISER_OIDC_ROLE_MAP entry "finance=boss"/);
    expect(() => loadOidcConfig({ ...base, AISER_OIDC_ORG_ID: undefined })).toThrow(/AISER_OIDC_ORG_ID/);
    expect(() => loadOidcConfig({ ...base, AISER_OIDC_REDIRECT_URI: 'not a url' })).toThrow(/AISER_OIDC_REDIRECT_URI/);
  });
});
