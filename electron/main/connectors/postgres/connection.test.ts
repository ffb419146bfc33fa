import { describe, expect, it } from 'vitest';
import { postgresError } from './connection';

describe('postgresError', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'HOST_UNREACHABLE'],
    [{ code: '28P01', message: 'password authentication failed for user "x"' }, 'AUTH_FAILED'],
    [{ code: '3D000', message: 'database "nope" does not exist' }, 'DATABASE_NOT_FOUND'],
    [{ code: '28000', message: 'no pg_hba.conf entry for host "10.0.0.5", user "x", database "y", no encryption' }, 'SSL_REQUIRED'],
    [{ message: 'The server does not support SSL connections' }, 'INVALID_CONFIG'],
    [{ code: '25006', message: 'cannot execute INSERT in a read-only transaction' }, 'READ_ONLY_VIOLATION'],
    [{ code: '42601', message: 'syntax error at or near "DROP"' }, 'QUERY_FAILED'],
  ])('maps %o to %s with a hint where the user can act', (raw, code) => {
    const error = postgresError(raw, 'connection test');
    expect(error.code).toBe(code);
    if (code !== 'QUERY_FAILED' && code !== 'READ_ONLY_VIOLATION') expect(error.hint).toBeTruthy();
  });
});
