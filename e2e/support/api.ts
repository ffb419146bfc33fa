/** Calls the server's HTTP API from the test process with a bearer token (for setup, not for assertions about the UI). */
export interface ApiSession { call: <T>(key: string, request: unknown) => Promise<T> }

export async function signInApi(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const raw = async (key: string, request: unknown, token?: string) => {
    const response = await fetch(`${baseUrl}/api/v1/${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(request),
    });
    const envelope = (await response.json()) as { ok: boolean; data?: unknown; error?: unknown };
    if (!envelope.ok) throw new Error(`${key} failed: ${JSON.stringify(envelope.error)}`);
    return envelope.data;
  };
  const { token } = (await raw('auth/signIn', { email, password })) as { token: string };
  return { call: async <T>(key: string, request: unknown) => (await raw(key, request, token)) as T };
}

export interface DemoIds { projectId: string; sourceId: string }

export async function demoIds(admin: ApiSession): Promise<DemoIds> {
  const sources = await admin.call<Array<{ id: string; projectId: string }>>('sources/list', {});
  if (!sources.length) throw new Error('The demo data source is missing.');
  return { projectId: sources[0].projectId, sourceId: sources[0].id };
}
