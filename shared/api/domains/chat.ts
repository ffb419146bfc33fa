import { z } from 'zod';
import { chartSpecSchema } from '../../charts/spec';
import { displayText, endpoint, id, ok } from '../endpoint';
import { insightSchema } from './insights';
import { cellSchema, resultColumnSchema } from './query';

export const clarificationSchema = z.object({
  question: z.string(),
  options: z.array(z.object({ id: z.string(), label: z.string(), description: z.string().optional(), confidence: z.number().min(0).max(1) })),
});

export const phraseMappingSchema = z.object({ phrase: z.string(), target: z.string(), kind: z.string(), score: z.number().optional() });

export const answerSchema = z.object({
  conversationId: id,
  messageId: id,
  kind: z.enum(['answer', 'clarification', 'refusal', 'error']),
  /** One sentence, answer first ("Revenue last quarter was $13.9M, up 8.2% on Q1"). */
  headline: z.string(),
  /** The why: a short narrative in business terms. */
  narrative: z.string().optional(),
  /** Executives: what to do next. */
  actions: z.array(z.string()).default([]),
  sql: z.string().optional(),
  explanation: z.string().optional(),
  mappings: z.array(phraseMappingSchema).default([]),
  confidence: z.number().min(0).max(1),
  result: z.object({ columns: z.array(resultColumnSchema), rows: z.array(z.array(cellSchema)), rowCount: z.number(), truncated: z.boolean() }).optional(),
  chart: chartSpecSchema.optional(),
  followUps: z.array(z.string()).default([]),
  clarification: clarificationSchema.optional(),
  route: z.object({ engine: z.string(), provider: z.string().optional(), cached: z.boolean(), durationMs: z.number() }),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  /** Analyses: the answer itself for a forecast/why/anomaly… question, or proactive cards after a time series. */
  insights: z.array(insightSchema).optional(),
  /** Words of the question the answer leaves out because they were not understood, and the sentence saying so. */
  notUnderstood: z.object({ words: z.array(z.string()), message: z.string() }).optional(),
  /** The filters the answer applied, each in plain words ("region = North America"), and the sentence saying so. */
  filters: z.object({ applied: z.array(z.string()), message: z.string() }).optional(),
  /** Set when the answer re-ran a question–SQL pair a person verified for this project. */
  verified: z.object({ question: z.string(), similarity: z.number().min(0).max(1) }).optional(),
});
export type Answer = z.infer<typeof answerSchema>;

export const STAGES = ['understanding', 'sql', 'rows', 'chart', 'narrative', 'done'] as const;
export const chatEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stage'), stage: z.enum(STAGES), label: z.string(), progress: z.number().min(0).max(1) }),
  z.object({ type: z.literal('sql'), sql: z.string(), explanation: z.string().optional(), confidence: z.number() }),
  z.object({ type: z.literal('rows'), columns: z.array(resultColumnSchema), rows: z.array(z.array(cellSchema)), rowCount: z.number() }),
  z.object({ type: z.literal('chart'), chart: chartSpecSchema }),
  z.object({ type: z.literal('narrative'), text: z.string() }),
  /** A piece of the narrative as a language model phrases it, in order; the `narrative` event that follows carries the final text. */
  z.object({ type: z.literal('narrativeToken'), text: z.string() }),
]);
export type ChatEvent = z.infer<typeof chatEventSchema>;

export const messageSchema = z.object({
  id, conversationId: id, role: z.enum(['user', 'assistant', 'system']), content: z.string(),
  answer: answerSchema.optional(), feedback: z.enum(['up', 'down']).nullable(), createdAt: z.string(),
});
export const conversationSchema = z.object({
  id, title: z.string(), projectId: id, sourceId: id.nullable(), updatedAt: z.string(), messageCount: z.number(),
});

export const chatApi = {
  'chat/ask': endpoint({
    summary: 'Answers a question about a data source, streaming stages (understanding → SQL → rows → chart → narrative).',
    access: 'chat:ask',
    request: z.strictObject({
      question: z.string().trim().min(1, 'Type a question').max(2000),
      sourceId: id,
      conversationId: id.optional(),
      /** The option picked from a clarification. */
      clarificationId: z.string().max(200).optional(),
      /** 'offline' forces the built-in engine; 'llm' asks for a language model. */
      mode: z.enum(['auto', 'offline', 'llm']).optional(),
    }),
    response: answerSchema,
    event: chatEventSchema,
  }),
  'chat/suggestions': endpoint({
    summary: 'Greeting and example questions for this person (role, department, permitted sources).',
    access: 'authenticated',
    request: z.strictObject({ sourceId: id.optional() }),
    response: z.object({ greeting: z.string(), examples: z.array(z.string()), help: z.array(z.string()) }),
  }),
  'conversations/list': endpoint({
    summary: 'The caller’s conversations, newest first; `search` filters by title and messages.',
    access: 'chat:ask',
    request: z.strictObject({ search: z.string().max(200).optional() }),
    response: z.array(conversationSchema),
  }),
  'conversations/get': endpoint({
    summary: 'A conversation with its messages.',
    access: 'chat:ask',
    request: z.strictObject({ id }),
    response: z.object({ conversation: conversationSchema, messages: z.array(messageSchema) }),
  }),
  'conversations/rename': endpoint({
    summary: 'Renames a conversation.',
    access: 'chat:ask',
    request: z.strictObject({ id, title: displayText(200) }),
    response: conversationSchema,
  }),
  'conversations/remove': endpoint({
    summary: 'Deletes a conversation and its messages.',
    access: 'chat:ask',
    request: z.strictObject({ id }),
    response: ok,
  }),
  'chat/feedback': endpoint({
    summary: 'Thumbs up/down on an answer; up marks it approved (it feeds examples for that source).',
    access: 'chat:ask',
    request: z.strictObject({ messageId: id, feedback: z.enum(['up', 'down']).nullable() }),
    response: ok,
  }),
};
