import { describe, expect, it } from 'vitest';
import { matchOrganization, parseOrgMap } from './orgMapping';

describe('single sign-on into several organizations', () => {
  const rules = parseOrgMap('domain:acme.com=acme, group:client-b-analysts=client-b:analyst, domain:client-b.com=client-b:viewer');

  it('picks the organization by group first, then by e-mail domain', () => {
    expect(matchOrganization(rules, { email: 'ann@client-b.com', groups: ['client-b-analysts'] })).toMatchObject({ organization: 'client-b', role: 'analyst' });
    expect(matchOrganization(rules, { email: 'bob@CLIENT-B.com', groups: [] })).toMatchObject({ organization: 'client-b', role: 'viewer' });
    expect(matchOrganization(rules, { email: 'cy@acme.com', groups: ['other'] })).toMatchObject({ organization: 'acme', role: undefined });
    expect(matchOrganization(rules, { email: 'dee@elsewhere.org', groups: [] })).toBeNull();
  });

  it('explains a malformed entry', () => {
    expect(() => parseOrgMap('acme.com=acme')).toThrow(/must look like group:<group>=<organization>/);
    expect(() => parseOrgMap('group:x=acme:boss')).toThrow(/role one of admin, analyst, executive, viewer/);
  });
});
