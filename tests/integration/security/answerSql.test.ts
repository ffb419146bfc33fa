import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTempServer } from '../../support/tempServer';
import { PASSWORD, addMember, cleanup, firstSource, ok, type TestServer } from './fixtures';

interface Answer { kind: string; sql?: string; conversationId: string }
interface ConversationRead { messages: Array<{ role: string; answer?: { kind: string; sql?: string; headline: string } }> }

/** Stored answers keep the SQL they were made with; reading a conversation back must not hand it
 *  to someone whose role may not see SQL, even when the answer was recorded under another role. */
describe('conversation reads and the sql:see permission', () => {
  let server: TestServer;
  let admin: string;
  let source: { id: string; projectId: string };

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    source = await firstSource(server, admin);
  });
  afterAll(() => cleanup(server));

  it('an analyst moved to executive no longer reads the SQL of earlier answers', async () => {
    const analyst = await addMember(server, admin, 'analyst', 'moved@answers.example.com');
    const asked = await ok<Answer>(server, 'chat/ask', { sourceId: source.id, question: 'revenue by region', mode: 'offline' }, analyst.token);
    expect(asked.kind).toBe('answer');
    expect(asked.sql).toMatch(/^SELECT/i);
    const before = await ok<ConversationRead>(server, 'conversations/get', { id: asked.conversationId }, analyst.token);
    expect(before.messages.find((m) => m.answer)?.answer?.sql).toBe(asked.sql);

    await ok(server, 'users/update', { id: analyst.id, role: 'executive' }, admin);
    const executive = await signIn(server.url, analyst.email, PASSWORD);
    const after = await ok<ConversationRead>(server, 'conversations/get', { id: asked.conversationId }, executive);
    const answer = after.messages.find((m) => m.answer)?.answer;
    expect(answer?.kind).toBe('answer');
    expect(answer?.headline.length).toBeGreaterThan(0);
    expect(answer?.sql).toBeUndefined();
    expect(JSON.stringify(after)).not.toContain(asked.sql!);
  });

  it('an executive’s own answers carry no SQL when read back', async () => {
    const executive = await addMember(server, admin, 'executive', 'exec@answers.example.com');
    const asked = await ok<Answer>(server, 'chat/ask', { sourceId: source.id, question: 'revenue by region', mode: 'offline' }, executive.token);
    expect(asked.sql).toBeUndefined();
    const read = await ok<ConversationRead>(server, 'conversations/get', { id: asked.conversationId }, executive.token);
    expect(read.messages.some((m) => m.answer?.kind === 'answer')).toBe(true);
    expect(JSON.stringify(read)).not.toMatch(/\bSELECT\b/);
  });
});
