/** The question files' format (`../shared/bench/<db>/questions.*.jsonl`): one JSON object a line
 *  with an `id` and either a `question` or a `conversation` (follow-ups, the last one is asked). */
import { z } from 'zod';

export const questionLineSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1).optional(),
  conversation: z.array(z.string().min(1)).min(1).optional(),
  sql: z.string().optional(),
  tags: z.array(z.string()).default([]),
  ordered: z.boolean().optional(),
  now: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Business rules for this question, e.g. "a sale counts only when it is paid". */
  instructions: z.string().min(1).optional(),
}).refine((q) => q.question || q.conversation, { message: 'needs "question" or "conversation"' });

export type QuestionLine = z.infer<typeof questionLineSchema>;

export function parseQuestionLines(text: string, source: string): QuestionLine[] {
  return text.split('\n').map((line, i) => ({ line: line.trim(), n: i + 1 })).filter((l) => l.line).map(({ line, n }) => {
    let json: unknown;
    try { json = JSON.parse(line); } catch { throw new Error(`${source}:${n}: not valid JSON. Each line must be one JSON object.`); }
    const parsed = questionLineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${source}:${n}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'} ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}

export function turnsOf(q: QuestionLine): string[] {
  return q.conversation ?? [q.question!];
}
