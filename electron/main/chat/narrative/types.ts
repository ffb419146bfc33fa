import type { Role } from '../../../../shared/types/auth';
import type { AnswerFacts } from '../facts/gather';
import type { Period } from '../../nl2sql/time';

export interface Narration {
  headline: string;
  narrative?: string;
  actions: string[];
}

/** What the question was understood to ask, in words (from the offline engine's plan). */
export interface Meaning {
  /** "revenue" */
  measure?: string;
  /** Breakdown names: ["region"]. */
  dims?: string[];
  period?: Period;
  shape?: 'basic' | 'growth' | 'periods' | 'shareOfTotal' | 'partShare' | 'ratio' | 'countHaving' | 'list';
  /** growth: [current, previous]; periods: one per column. */
  periods?: Period[];
  order?: { desc: boolean; limit?: number; winnerOnly?: boolean };
  /** Whether the measure adds up across groups (shares of a total mean something). */
  additive?: boolean;
}

/** What every shape's narration shares. */
export interface Scope {
  label: string;
  meaning: Meaning;
  facts: AnswerFacts;
  role: Role;
  shown: string;
  definition?: string;
}
