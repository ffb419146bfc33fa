/** What the ContextManager takes and gives. */
import type { ExpertiseLevel, Role } from '../../../shared/types/auth';
import type { ColumnKind, Dialect } from '../../../shared/types/schema';
import type { RankingSource } from './ranking/schemaRanker';
import type { SliceReason } from './ranking/schemaSlice';

export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
  /** The SQL an assistant turn ran, when it ran one. */
  sql?: string;
}

export interface ContextRequest {
  question: string;
  /** Turns before this question, oldest first. */
  conversation?: readonly ConversationTurn[];
  /** The data source the question is about, with its schema and glossary (caller's org only). */
  source: RankingSource & { name?: string };
  person?: { displayName?: string };
  organization?: { name: string };
  project?: { id: string; name: string };
  /** Sources the caller may query (ids and names only). */
  permittedSources?: readonly { id: string; name: string }[];
  /** Organization policies the answer must respect, in plain words. */
  policies?: readonly string[];
  /** Approximate token budget for the whole bundle (tokens ≈ characters / 4). Default 3000. */
  tokenBudget?: number;
}

export interface BundleColumn {
  name: string;
  type: string;
  kind: ColumnKind;
  /** Listed in the glossary as personal data. */
  pii?: boolean;
}

export interface BundleTable {
  name: string;
  reason: SliceReason;
  score: number;
  columns: BundleColumn[];
  /** Columns left out because the table is wide (the most relevant are kept). */
  omittedColumns: number;
  /** `from.col = to.col` joins to other tables in the bundle. */
  joins: string[];
}

export interface BundleGlossaryEntry {
  id: string;
  text: string;
}

export interface BundleExample {
  id: string;
  question: string;
  sql: string;
  verified?: boolean;
}

export interface ContextBundle {
  person: { userId: string; displayName?: string; role: Role; department?: string; expertise?: ExpertiseLevel };
  organization: { id: string; name?: string };
  project?: { id: string; name: string };
  permittedSources: { id: string; name: string }[];
  policies: string[];
  question: string;
  conversation: { summary?: string; recentTurns: ConversationTurn[] };
  source: { id: string; name?: string; dialect: Dialect; schemaVersion: string };
  tables: BundleTable[];
  glossary: BundleGlossaryEntry[];
  examples: BundleExample[];
  rankingMode: 'lexical' | 'hybrid';
  estimatedTokens: number;
}

/** The compact record kept in a message's AI metadata: what the answer was given. */
export interface ContextUsed {
  sourceId: string;
  schemaVersion: string;
  rankingMode: 'lexical' | 'hybrid';
  tables: string[];
  glossary: string[];
  examples: string[];
  conversation: { summarisedTurns: number; verbatimTurns: number };
  estimatedTokens: number;
  tokenBudget: number;
  /** Items ranked relevant but left out to stay within the budget. */
  droppedForBudget: number;
}
