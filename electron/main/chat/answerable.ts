/** Whether the built-in engine answers a question outright (SQL, confident, no clarification or
 *  refusal): every example question, follow-up chip and "closest thing" offered is checked with it. */
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { OfflineEngine } from '../ai/offlineEngine';
import { OFFLINE_CONFIDENCE_THRESHOLD } from '../ai/sqlRouter';
import { findLimit } from './limits';

export interface AnswerableInput {
  schema: SchemaInfo;
  glossary?: Glossary;
  question: string;
  previousPlan?: unknown;
}

export type Answerable = (input: AnswerableInput) => boolean;

export function answerableWith(engine: OfflineEngine): Answerable {
  return (input) => {
    if (findLimit(input.question)) return false;
    try {
      const answer = engine(input);
      return Boolean(answer.sql) && !answer.clarification && !answer.refusal && answer.confidence >= OFFLINE_CONFIDENCE_THRESHOLD;
    } catch {
      return false;
    }
  };
}
