/** Open clarification questions, so a follow-up `chat/ask` with `clarificationId` can resolve one. */
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../shared/types/auth';
import { ByteLru, jsonBytes } from '../memory';

interface Pending {
  orgId: string;
  userId: string;
  conversationId: string;
  question: string;
  label: string;
  expiresAt: number;
}

const TTL_MS = 30 * 60_000;
const MAX_PENDING = 5_000;
/** Questions can be long: the open choices are bounded by their size as well as their number. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

export class ClarificationNotFoundError extends Error {
  override name = 'NotFoundError';
  constructor() {
    super('That choice has expired.');
  }
  readonly hint = 'Ask the question again.';
}

export class Clarifications {
  private readonly pending = new ByteLru<Pending>({ maxBytes: MAX_PENDING_BYTES, maxEntries: MAX_PENDING, sizeOf: (entry, id) => jsonBytes(entry) + 2 * id.length });

  /** Registers the options of a clarification; returns their ids in the same order. */
  open(ctx: RequestContext, conversationId: string, question: string, labels: string[]): string[] {
    const expiresAt = Date.now() + TTL_MS;
    const ids = labels.map((label) => {
      const id = `clr_${randomUUID()}`;
      this.pending.set(id, { orgId: ctx.orgId, userId: ctx.userId, conversationId, question, label, expiresAt });
      return id;
    });
    return ids;
  }

  /** The question restated with the chosen meaning; only the person who was asked can answer. */
  resolve(ctx: RequestContext, id: string): { conversationId: string; question: string } {
    const found = this.pending.peek(id);
    if (!found || found.expiresAt < Date.now() || found.orgId !== ctx.orgId || found.userId !== ctx.userId) throw new ClarificationNotFoundError();
    return { conversationId: found.conversationId, question: restate(found.question, found.label) };
  }
}

/** "show sales by region" + "Gross revenue" → "show sales by region (Gross revenue)". */
function restate(question: string, label: string): string {
  return `${question.trim()} (${label})`;
}
