/** The built-in offline NL→SQL engine as the router sees it: a provider that always exists. */
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';

export interface OfflineQuestion {
  schema: SchemaInfo;
  glossary?: Glossary;
  question: string;
  /** The previous answer's plan, for follow-ups ("and by month?"). */
  previousPlan?: unknown;
}

export interface OfflineMapping {
  phrase: string;
  target: string;
  kind: string;
  score?: number;
}

export interface OfflineAnswer {
  sql?: string;
  confidence: number;
  clarification?: { question: string; options: Array<{ label: string; description?: string; confidence: number }> };
  refusal?: string;
  explanation: string;
  mappings: OfflineMapping[];
  /** Opaque to the orchestrator; handed back as `previousPlan` on the next turn. */
  plan?: unknown;
}

export type OfflineEngine = (input: OfflineQuestion) => OfflineAnswer;
