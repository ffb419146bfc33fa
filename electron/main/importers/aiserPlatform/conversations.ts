import type { MessageRole, NewMessage } from '../../store';
import type { ImportRun } from './run';
import { keyOf, textOf, type PlatformRow } from './schema';

const ROLE_MAP: Record<string, MessageRole> = {
  user: 'user', human: 'user', assistant: 'assistant', ai: 'assistant', bot: 'assistant', system: 'system',
};

/** Conversations with their messages, oldest message first. The owner becomes a project member
 *  so the conversation stays visible to them, as it was on the platform. */
export async function importConversations(run: ImportRun, conversations: PlatformRow[], messages: PlatformRow[]): Promise<void> {
  run.read('conversations', conversations.length);
  run.read('messages', messages.length);
  const byConversation = new Map<string, PlatformRow[]>();
  for (const message of messages) {
    const key = keyOf(message.conversation_id);
    byConversation.set(key, [...(byConversation.get(key) ?? []), message]);
  }
  const known = new Set(conversations.map((row) => keyOf(row.id)));
  for (const [key, orphans] of byConversation) {
    if (!known.has(key)) for (const message of orphans) run.skip('messages', message, null, `Its conversation (${key}) does not exist.`);
  }
  for (const row of conversations) await importConversation(run, row, byConversation.get(keyOf(row.id)) ?? []);
}

async function importConversation(run: ImportRun, row: PlatformRow, messages: PlatformRow[]): Promise<void> {
  const key = keyOf(row.id);
  const title = textOf(row.title);
  const platformProject = textOf(row.project_id);
  const projectId = run.targetOf('projects', platformProject);
  const orgId = run.orgOf('projects', platformProject);
  const userId = run.orgOf('users', textOf(row.user_id)) === orgId ? run.targetOf('users', textOf(row.user_id)) : null;
  let conversationId = run.targetOf('conversations', key);
  if (conversationId) {
    run.alreadyImported('conversations', key);
  } else {
    if (!projectId || !orgId) {
      skipWithMessages(run, row, title, messages, platformProject ? `Its project (${platformProject}) was not imported.` : 'The conversation belongs to no project.');
      return;
    }
    if (!userId) {
      skipWithMessages(run, row, title, messages, `Its owner (user ${String(row.user_id)}) was not imported into the same organization.`);
      return;
    }
    const sourceId = run.orgOf('data_sources', textOf(row.data_source_id)) === orgId ? run.targetOf('data_sources', textOf(row.data_source_id)) : null;
    conversationId = await run.create('conversations', key, title, orgId, async () => {
      const ctx = run.contextFor(orgId, userId);
      const created = await run.store.conversations.create(ctx, { projectId, title: title ?? undefined, sourceId });
      const user = await run.store.users.get(ctx, userId);
      if (user.role !== 'admin') await run.store.projects.addMember(ctx, projectId, userId, 'editor');
      return created;
    });
    if (!conversationId) return;
  }
  await importMessages(run, run.orgOf('conversations', key) as string, conversationId, userId, messages);
}

async function importMessages(run: ImportRun, orgId: string, conversationId: string, userId: string | null, rows: PlatformRow[]): Promise<void> {
  const pending: Array<{ key: string; message: NewMessage }> = [];
  for (const row of rows) {
    const key = keyOf(row.id);
    if (run.alreadyImported('messages', key)) continue;
    const role = ROLE_MAP[textOf(row.role)?.toLowerCase() ?? ''];
    if (!role) {
      run.skip('messages', row, null, `Unknown message role "${String(row.role)}"; expected user, assistant or system.`);
      continue;
    }
    const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : textOf(row.created_at);
    pending.push({ key, message: { role, content: typeof row.content === 'string' ? row.content : String(row.content ?? ''), aiMetadata: { importedFrom: { platformId: key, createdAt } } } });
  }
  if (pending.length === 0) return;
  // One append keeps the platform's order (the store stamps strictly increasing times).
  const created = run.dryRun ? [] : await run.store.messages.appendMany(run.contextFor(orgId, userId), conversationId, pending.map((p) => p.message));
  for (const [index, { key }] of pending.entries()) {
    await run.create('messages', key, null, orgId, async () => created[index]);
  }
}

function skipWithMessages(run: ImportRun, row: PlatformRow, title: string | null, messages: PlatformRow[], reason: string): void {
  run.skip('conversations', row, title, reason);
  for (const message of messages) {
    if (!run.alreadyImported('messages', keyOf(message.id))) run.skip('messages', message, null, `Its conversation (${keyOf(row.id)}) was skipped.`);
  }
}
