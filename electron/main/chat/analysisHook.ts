/** Where analyses plug into the chat (implemented by the insights module, wired by the container):
 *  answer an analysis question, add proactive cards to a time-series answer, keep what was found. */
import type { Answer, ChatEvent } from '../../../shared/api/domains/chat';
import type { QueryResult } from '../../../shared/api/domains/query';
import type { RequestContext } from '../../../shared/types/auth';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { Draft } from './presentation';

export interface AnalysisTurn {
  ctx: RequestContext;
  question: string;
  sourceId: string;
  schema: SchemaInfo;
  glossary?: Glossary;
  signal: AbortSignal;
  emit: (event: ChatEvent) => void;
}

export interface AnalysisHook {
  /** An answer for a question asking for an analysis; null lets the ordinary pipeline answer. */
  answer(turn: AnalysisTurn): Promise<{ draft: Draft; sql?: string; sqlHash?: string } | null>;
  /** The answer with insight cards added when cheap checks on its time series find something. */
  proactive(turn: AnalysisTurn, draft: Draft, result: QueryResult): Promise<Draft>;
  /** The organization settings that change what the hook adds (kept in the answer cache key, so
   *  turning proactive insights off is not undone by an answer cached before). */
  settingsKey?(ctx: RequestContext): Promise<string>;
  /** Stores the answer's insights as analysis results linked to its message. */
  record(ctx: RequestContext, answer: Omit<Answer, 'conversationId' | 'messageId'>, origin: { messageId: string; sourceId: string; projectId: string; question: string }): Promise<void>;
}
