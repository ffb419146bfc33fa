import { describe, expect, it } from 'vitest';
import { SECRET_PLACEHOLDER as HIDDEN, redactSecrets, restoreRedactedSecrets } from './redaction';

describe('connection config redaction', () => {
  const saved = {
    type: 'rest',
    url: 'https://api.example/v1',
    headers: { Authorization: 'Bearer abc', 'X-Tenant': 't1' },
    auth: { user: 'svc', password: 'pw', apiKey: 'k-1', privateKey: 'PEM' },
    pageSize: 100,
    secretArn: null,
  };

  it('hides passwords, tokens, keys and every header value, keeping the rest readable', () => {
    expect(redactSecrets(saved)).toEqual({
      type: 'rest',
      url: 'https://api.example/v1',
      headers: { Authorization: HIDDEN, 'X-Tenant': HIDDEN },
      auth: { user: 'svc', password: HIDDEN, apiKey: HIDDEN, privateKey: HIDDEN },
      pageSize: 100,
      secretArn: null,
    });
  });

  it('hides the password inside connection URLs', () => {
    expect(redactSecrets({ url: 'postgres://reader:p%40ss@db:5432/dw?sslmode=require' })).toEqual({ url: `postgres://reader:${HIDDEN}@db:5432/dw?sslmode=require` });
    expect(redactSecrets({ url: 'postgres://reader@db/dw' })).toEqual({ url: 'postgres://reader@db/dw' });
  });

  it('restores saved secrets where the edited config still has the placeholder', () => {
    const edited = { ...redactSecrets(saved), pageSize: 50, headers: { Authorization: 'Bearer new', 'X-Tenant': HIDDEN, Accept: 'json' } };
    expect(restoreRedactedSecrets(edited, saved)).toEqual({
      ...saved, pageSize: 50, headers: { Authorization: 'Bearer new', 'X-Tenant': 't1', Accept: 'json' },
    });
  });

  it('restores a URL password only when the rest of the URL is unchanged', () => {
    const savedUrl = { url: 'postgres://reader:pw@db/dw' };
    expect(restoreRedactedSecrets({ url: `postgres://reader:${HIDDEN}@db/dw` }, savedUrl)).toEqual(savedUrl);
    expect(restoreRedactedSecrets({ url: `postgres://reader:${HIDDEN}@other/dw` }, savedUrl)).toEqual({ url: `postgres://reader:${HIDDEN}@other/dw` });
  });
});
