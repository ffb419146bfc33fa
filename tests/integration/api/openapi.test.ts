import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_KEYS } from '../../../shared/api/contract';
import { startTempServer } from '../../support/tempServer';

describe('GET /api/v1/openapi.json on a running server', () => {
  let server: Awaited<ReturnType<typeof startTempServer>>;
  beforeAll(async () => {
    server = await startTempServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the OpenAPI 3.1 description of every call without signing in', async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    for (const key of CALL_KEYS) expect(document.paths, key).toHaveProperty([`/api/v1/${key}`]);
  });

  it('still treats POST /api/v1/<call> as API calls', async () => {
    const response = await fetch(`${server.url}/api/v1/system/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  });
});
