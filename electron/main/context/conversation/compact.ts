/** Keeps a long conversation short: the last turns verbatim, the earlier ones as a summary. */
import type { ConversationTurn } from '../types';

export interface CompactConversation {
  summary?: string;
  recentTurns: ConversationTurn[];
  summarisedTurns: number;
}

const SUMMARY_QUESTION_CHARS = 90;
const SUMMARY_MAX_QUESTIONS = 8;

/** Earlier user questions become one line each (the latest ones if there are many); assistant
 *  turns are dropped from the summary since the questions carry the topic. */
export function compactConversation(turns: readonly ConversationTurn[], keepLast: number): CompactConversation {
  if (turns.length <= keepLast) return { recentTurns: [...turns], summarisedTurns: 0 };
  const earlier = turns.slice(0, turns.length - keepLast);
  const questions = earlier.filter((t) => t.role === 'user').map((t) => shorten(t.text, SUMMARY_QUESTION_CHARS));
  const shown = questions.slice(-SUMMARY_MAX_QUESTIONS);
  const skipped = questions.length - shown.length;
  const lines = [
    `Earlier in this conversation (${earlier.length} turns) the user asked:`,
    ...(skipped > 0 ? [`- (${skipped} older questions)`] : []),
    ...shown.map((q) => `- ${q}`),
  ];
  return { summary: lines.join('\n'), recentTurns: turns.slice(-keepLast), summarisedTurns: earlier.length };
}

/** The text the rankers search with: the question plus the user's previous few questions, so a
 *  follow-up ("only for Europe") keeps the tables of the question it refines. */
export function rankingQuery(question: string, turns: readonly ConversationTurn[], previousQuestions = 2): string {
  const previous = turns.filter((t) => t.role === 'user').slice(-previousQuestions).map((t) => t.text);
  return [...previous, question].join('\n');
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
