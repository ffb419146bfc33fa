import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import { keyedMaskHash, maskErrorForRole, maskPiiInText, maskResult, maskSchemaSamples, maskValue, piiStylesFromSamples } from './masking';

const as = (role: RequestContext['role']): RequestContext => ({ userId: 'u', orgId: 'o', role, projectIds: [], sessionId: 's' });
const text = { kind: 'text' as const };
const KEY = { outer: 'a1'.repeat(32), inner: 'b2'.repeat(32) };

describe('maskValue', () => {
  it('hashes with the organization key only: no key, no hash (an unkeyed hash is reversed with a list of names)', () => {
    expect(maskValue('Ana Lopez', 'hash')).toBe('••••');
    const keyed = maskValue('Ana Lopez', 'hash', KEY);
    expect(keyed).toMatch(/^#[0-9a-f]{16}$/);
    expect(keyed).not.toBe(maskValue('Ana Lopez', 'hash', { outer: 'c3'.repeat(32), inner: KEY.inner }));
  });

  it('keeps no prefix of a partially masked value (nothing a substring could shift back)', () => {
    expect(maskValue('ana.lopez@acme.com', 'partial')).toBe('•••@acme.com');
    expect(maskValue('+44 20 7946 0958', 'partial')).toBe('••••58');
    expect(maskValue('Ana', 'partial')).toBe('••••');
  });
});

describe('maskErrorForRole', () => {
  it('hides single- and double-quoted values the caller did not type, for roles without pii:see', () => {
    const error = new Error('invalid input syntax for type integer: "Ana Lopez" near \'x@y.io\' in column "amount"');
    const shown = maskErrorForRole(as('analyst'), error, 'SELECT CAST(name AS integer), amount FROM t') as Error;
    expect(shown.message).not.toMatch(/Ana Lopez|x@y\.io/);
    expect(shown.message).toContain('"amount"');
    expect(shown.stack).not.toMatch(/Ana Lopez/);
  });
});

describe('maskResult', () => {
  const columns = [{ name: 'contact', ...text }, { name: 'notes', ...text }, { name: 'segment', ...text }];
  const rows = [['ana@acme.com', 'call +44 20 7946 0958', 'SMB'], ['not-an-email', 'plain', 'Enterprise']];

  it('masks a column detected from sampled values entirely, even values that do not look like PII', () => {
    const styles = piiStylesFromSamples([{ columns: [{ name: 'contact', distinctValues: ['a@x.io', 'b@y.io', 'c@z.io'] }, { name: 'segment', distinctValues: ['SMB', 'Enterprise'] }] }]);
    expect([...styles]).toEqual([['contact', 'partial']]);
    const out = maskResult(as('analyst'), { columns, rows, columnStyles: styles });
    expect(out.rows.map((r) => r[0])).toEqual(['•••@acme.com', '••••il']);
    expect(out.rows.map((r) => r[2])).toEqual(['SMB', 'Enterprise']);
    expect(out.columns[0].masked).toBe(true);
    expect(out.columns[2].masked).toBeUndefined();
  });

  it('applies configured styles per column: hash, partial, redact, and none only switches off name detection', () => {
    const out = maskResult(as('executive'), {
      columns: [{ name: 'email', ...text }, { name: 'segment', ...text }, { name: 'phone_model', ...text }, { name: 'backup', ...text }],
      rows: [['ana@acme.com', 'SMB', 'Pixel 8', 'bob@acme.com']],
      columnStyles: new Map([['email', 'hash'], ['segment', 'redact'], ['phone_model', 'none'], ['backup', 'none']]),
      hashKey: KEY,
    });
    expect(out.rows[0][0]).toBe(keyedMaskHash(KEY, 'ana@acme.com'));
    expect(out.rows[0][0]).toMatch(/^#[0-9a-f]{16}$/);
    expect(out.rows[0][1]).toBe('••••');
    expect(out.rows[0][2]).toBe('Pixel 8');
    expect(out.rows[0][3]).toBe('•••@acme.com'); // value shape still caught
  });

  it('leaves everything visible to roles with pii:see', () => {
    const out = maskResult(as('admin'), { columns, rows, columnStyles: new Map([['contact', 'redact']]) });
    expect(out.rows).toEqual(rows);
  });
});

describe('maskSchemaSamples', () => {
  it('masks sampled e-mails in schema metadata for roles without pii:see', () => {
    const schema = { tables: [{ name: 'customers', columns: [{ name: 'email', distinctValues: ['ana@acme.com'] }, { name: 'segment', distinctValues: ['SMB'] }] }] };
    const masked = maskSchemaSamples(as('analyst'), schema);
    expect(JSON.stringify(masked)).not.toContain('ana@acme.com');
    expect(masked.tables[0].columns[1].distinctValues).toEqual(['SMB']);
    expect(maskSchemaSamples(as('admin'), schema)).toBe(schema);
  });
});

describe('maskPiiInText', () => {
  it('masks e-mails, Luhn-valid card numbers, SSNs and +phone numbers in free text', () => {
    const out = maskPiiInText('user ana.lopez@acme.co.uk paid with 4111 1111 1111 1111, ssn 123-45-6789, phone +1 (415) 555-0132');
    expect(out).not.toMatch(/ana\.lopez|4111 1111|123-45-6789|555-0132/);
    expect(out).toContain('•••@acme.co.uk');
  });

  it('keeps dates, addresses, durations and epoch timestamps readable', () => {
    const line = 'at 2026-11-25T14:00:00Z from 127.0.0.1 took 1234 ms, ts 1764082000000';
    expect(maskPiiInText(line)).toBe(line);
  });
});

describe('value-shape detection', () => {
  it('does not mistake dates, timestamps or IP addresses for phone numbers', () => {
    const out = maskResult(as('analyst'), {
      columns: [{ name: 'value', ...text }],
      rows: [['2019-01-02'], ['2019-01-02 10:11:12'], ['192.168.10.20'], ['+44 20 7946 0958'], ['(415) 555-0132']],
    });
    expect(out.rows.map((r) => r[0])).toEqual(['2019-01-02', '2019-01-02 10:11:12', '192.168.10.20', '••••58', '••••32']);
  });
});
