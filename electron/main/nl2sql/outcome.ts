/** What planning a question produces, shared by the planner and the modules it uses (clarify,
 *  follow-ups, shapes), so that none of them imports the planner. */
import type { Cues } from './cues';
import type { Candidate, Token } from './linker';
import type { QueryPlan } from './plan';
import type { RoledMention } from './roles';
import type { findTimeMentions } from './time';

export interface QuestionSignals {
  unknownWords: string[];
  /** Of those, words said right before a linked name ("churned customers"): they narrow it down, so they matter even when shaped like a verb. */
  modifierWords?: string[];
  contentWords: number;
  /** Every phrase the question linked to the data, with what it linked to (best first): what an answer can check it used. */
  linked?: { phrase: string; candidates: Candidate[] }[];
  weakestMatch: number;
  smallestMargin: number;
}

export interface Clarification {
  question: string;
  options: { label: string; confidence: number }[];
}

export interface PlanOutcome {
  plan?: QueryPlan;
  confidence: number;
  clarification?: Clarification;
  refusal?: string;
  /** What the question's wording says about how sure the reading is (for calibrated confidence). */
  signals?: QuestionSignals;
  /** The question reads as continuing the previous one (a follow-up opening, or no measure of
   *  its own): only then does the previous turn's plan change the answer. */
  continuesPrevious?: boolean;
}

export interface Parsed {
  text: string;
  tokens: Token[];
  blocked: boolean[];
  roled: RoledMention[];
  cues: Cues;
  times: ReturnType<typeof findTimeMentions>;
}
