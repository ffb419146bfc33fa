/** Builds the AI orchestrator and the chat service over the container's other services. */
import { AiService, type AiServiceOptions } from '../ai/aiService';
import { createOfflineEngine, type OfflineEngine } from '../ai/offlineEngine';
import { ContextManager } from '../context/contextManager';
import type { Logger } from '../logging';
import type { QueryService } from '../query/queryService';
import type { SecretBox } from '../security/secrets';
import type { SourcesService } from '../sources/sourcesService';
import type { Store } from '../store';
import { ChatService } from './chatService';
import { ConversationLog } from './conversationLog';

export interface ChatStackDeps {
  store: Store;
  secrets: SecretBox;
  logger: Logger;
  sources: SourcesService;
  query: QueryService;
  /** A shared ContextManager (with embeddings) when the container has one; else a lexical one. */
  context?: ContextManager;
  offline?: OfflineEngine;
  ai?: AiServiceOptions;
}

export interface ChatStack {
  ai: AiService;
  chat: ChatService;
  offline: OfflineEngine;
  dispose(): Promise<void>;
}

export function createChatStack(deps: ChatStackDeps): ChatStack {
  const offline = deps.offline ?? createOfflineEngine();
  const log = new ConversationLog(deps.store);
  const context = deps.context ?? new ContextManager({ examples: log });
  const ai = new AiService(deps.store, deps.secrets, deps.logger, offline, deps.ai);
  ai.start();
  const chat = new ChatService(ai, deps.sources, deps.query, context, log, deps.logger, deps.store.dialect);
  return {
    ai, chat, offline,
    async dispose() {
      ai.dispose();
      if (!deps.context) await context.dispose();
    },
  };
}
