/** Parses and validates the model's reply: it is untrusted text until proven to be one SQL string. */
import { z } from 'zod';

const replySchema = z.object({
  sql: z.string().trim().min(1).max(20_000),
  explanation: z.string().max(2_000).optional(),
  confidence: z.number().min(0).max(1).optional(),
});

export type SqlReply = z.infer<typeof replySchema>;

export class UnusableReplyError extends Error {
  override name = 'UnusableReplyError';
}

/** Accepts the JSON object the prompt asks for, tolerating code fences around it; a bare
 *  ```sql block is accepted too (some local models ignore JSON mode). */
export function parseSqlReply(text: string): SqlReply {
  const unfenced = text.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  const start = unfenced.indexOf('{');
  const end = unfenced.lastIndexOf('}');
  if (start >= 0 && end > start) {
    try {
      const parsed = replySchema.safeParse(JSON.parse(unfenced.slice(start, end + 1)));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: try the SQL-block form below
    }
  }
  const block = /```sql\s*([\s\S]+?)```/i.exec(text);
  if (block?.[1]?.trim()) return { sql: block[1].trim() };
  throw new UnusableReplyError('The language model did not return SQL in the expected form.');
}
