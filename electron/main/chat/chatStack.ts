/** Builds the AI orchestrator and the chat service over the container's other services. */
import { AiService, type AiServiceOptions } from '../ai/aiService';
import { createOfflineEngine, type OfflineEngine } from '../ai/offlineEngine';
import { createContextManager } from '../context/contextManager';
import { shutdownEmbeddingHost } from '../context/embeddings/embeddingHost';
import type { Logger } from '../logging';
import type { QueryService } from '../query/queryService';
import type { SecretBox } from '../security/secrets';
import type { SourcesService } from '../sources/sourcesService';
import type { Store } from '../store';
import type { AnalysisHook } from './analysisHook';
import { answerableWith } from './answerable';
import { askerFromStore } from './asker';
import { ChatService } from './chatService';
import { ConversationLog } from './conversationLog';
import { VerifiedAnswers } from '../verified';

export interface ChatStackDeps {
  store: Store;
  secrets: SecretBox;
  logger: Logger;
  sources: SourcesService;
  query: QueryService;
  /** Where on-device embedding models are installed; without one, ranking is lexical only. */
  modelsDir?: string;
  offline?: OfflineEngine;
  ai?: AiServiceOptions;
  /** Answers analysis questions and adds proactive insight cards (the insights module). */
  analysis?: AnalysisHook;
}

export interface ChatStack {
  ai: AiService;
  chat: ChatService;
  offline: OfflineEngine;
  dispose(): Promise<void>;
}

export async function createChatStack(deps: ChatStackDeps): Promise<ChatStack> {
  const offline = deps.offline ?? createOfflineEngine();
  const log = new ConversationLog(deps.store);
  const verified = new VerifiedAnswers(deps.store, log);
  const { manager: context, embeddingProblem } = await createContextManager({ examples: verified, modelsDir: deps.modelsDir });
  if (embeddingProblem) deps.logger.warn('context.embeddings_unavailable', { reason: embeddingProblem });
  const ai = new AiService(deps.store, deps.secrets, deps.logger, offline, deps.ai);
  ai.start();
  const chat = new ChatService(ai, deps.sources, deps.query, context, log, deps.logger, deps.store.dialect, answerableWith(offline), deps.analysis, verified, askerFromStore(deps.store));
  return {
    ai, chat, offline,
    async dispose() {
      ai.dispose();
      await context.dispose();
      await shutdownEmbeddingHost();
    },
  };
}
