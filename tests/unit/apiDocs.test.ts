import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiReferenceMarkdown } from '../../shared/api/apiReference';
import { CALL_KEYS } from '../../shared/api/contract';

describe('docs/api.md', () => {
  it('docs/api.md lists every call (run `npm run gen:api-docs` after changing the contract)', () => {
    const committed = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'api.md'), 'utf8');
    for (const key of CALL_KEYS) expect(committed, `docs/api.md is missing ${key}`).toContain(`\`${key}\``);
    expect(committed).toBe(apiReferenceMarkdown());
  });
});
