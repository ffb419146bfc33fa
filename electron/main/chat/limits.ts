/** Analysis requests the analytics could not set up (the measure, period or parts were not found), said in one sentence with the closest thing it can do,
 *  instead of quietly answering another question. Data: a cue, what is said, how to reword the
 *  question into the closest answerable one. */

export interface Limit {
  id: string;
  cue: RegExp;
  /** One sentence; `{topic}` is the rest of the question ("revenue"). */
  says: string;
  /** The closest question the app can answer, from the rest of the question. */
  closest: (topic: string) => string;
  offer: string;
}

export const LIMITS = [
  {
    id: 'forecast',
    cue: /\b(forecast\w*|predict\w*|projection\w*|project(?:ed)?\s+(?:for|to)|will\s+\w+\s+be|next\s+(?:year|quarter|month|week))\b/i,
    says: 'I could not set up a forecast of {topic} from this question or this data.',
    closest: (topic) => `${topic} by month`,
    offer: 'The closest I can show is its trend by month so far.',
  },
  {
    id: 'what-if',
    cue: /\b(what\s+if|what\s+would\s+happen|simulat\w*|scenario\w*)\b/i,
    says: 'I could not set up a scenario for {topic}: I need a measure made of parts I can find (for example revenue = orders × average order value).',
    closest: (topic) => `${topic} by month`,
    offer: 'The closest I can show is how it actually moved, by month.',
  },
  {
    id: 'cause',
    cue: /^\s*why\b|\b(root\s+cause|what\s+caused|reason\s+for|explain\s+why)\b/i,
    says: 'I could not find the change and the dimensions to explain {topic} from this question.',
    closest: (topic) => `${topic} by month`,
    offer: 'The closest I can show is when it changed, by month; break it down further from there.',
  },
  {
    id: 'correlation',
    cue: /\b(correlat\w*|relationship\s+between|impact\s+of|effect\s+of)\b/i,
    says: 'I could not find two measures over time to relate for {topic}.',
    closest: (topic) => `${topic} by month`,
    offer: 'The closest I can show is each figure over time, to compare them side by side.',
  },
] as const satisfies readonly Limit[];

export type LimitId = (typeof LIMITS)[number]['id'];

const FILLER = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d{4}|q[1-4]|last|this|previous|year|quarter|month|week|the|our|my|a|an|for|of|in|on|do|does|did|is|are|was|were|will|be|please|can|you|me|show|tell|give|what|how|much|many|did|it|go|happen\w*|up|down|drop\w*|fall|fell|rise|rose|change\w*|so|to|us)\b/gi;

export interface LimitMatch {
  limit: Limit;
  headline: string;
  closestQuestion: string;
  offer: string;
}

/** The first limit the question runs into, worded for it; undefined when none applies. */
export function findLimit(question: string): LimitMatch | undefined {
  const limit = LIMITS.find((l) => l.cue.test(question));
  if (!limit) return undefined;
  const topic = question.replace(new RegExp(limit.cue.source, 'gi'), ' ').replace(/[?!.,]/g, ' ').replace(FILLER, ' ').replace(/\s+/g, ' ').trim() || 'this';
  return { limit, headline: limit.says.replace('{topic}', topic === 'this' ? 'this' : topic), closestQuestion: limit.closest(topic), offer: limit.offer };
}
