import { z } from 'zod';
import { endpoint, id } from '../endpoint';

export const verifiedAnswerSchema = z.object({
  id,
  projectId: id,
  sourceId: id,
  messageId: id.nullable(),
  question: z.string(),
  /** Shown only to roles that may see SQL. */
  sql: z.string().optional(),
  verifiedBy: id,
  createdAt: z.string(),
});
export type VerifiedAnswerView = z.infer<typeof verifiedAnswerSchema>;

export const verifiedApi = {
  'answers/verify': endpoint({
    summary: 'Marks an answer verified (or withdraws it): its question and SQL are then shared by the project — the offline engine answers paraphrases with that SQL (re-run under the asker’s guard, masking and row policies) and language models get it as an example.',
    access: 'answers:verify',
    request: z.strictObject({ messageId: id, verified: z.boolean() }),
    response: z.object({ verified: z.boolean(), answer: verifiedAnswerSchema.nullable() }),
  }),
  'answers/verified': endpoint({
    summary: 'The verified question–SQL pairs of the caller’s projects, newest first; `sourceId` narrows to one source.',
    access: 'chat:ask',
    request: z.strictObject({ sourceId: id.optional() }),
    response: z.array(verifiedAnswerSchema),
  }),
};
