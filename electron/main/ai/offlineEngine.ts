/** The built-in offline NL→SQL engine as the router sees it: a provider that always exists. */
import type { ExpertiseLevel } from '../../../shared/types/auth';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import { ByteLru, stringBytes } from '../memory';
import type { Answer } from '../nl2sql/engine';
import type { QueryPlan } from '../nl2sql/plan';
import { repairAnswer, type FailedAttempt } from '../nl2sql/repair';
import { sharedEngines, type EngineCache } from './engineCache';

export { glossaryFingerprint } from './engineCache';

export interface OfflineQuestion {
  schema: SchemaInfo;
  glossary?: Glossary;
  question: string;
  /** The previous answer's plan, for follow-ups ("and by month?"). */
  previousPlan?: unknown;
  /** Shapes the explanation's wording (executive … expert). */
  expertise?: ExpertiseLevel;
  /** The engine's earlier SQL for this question and the database's error for each (oldest first):
   *  the engine repairs from them instead of answering afresh. */
  failures?: FailedAttempt[];
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
  /** Words of the question the SQL does not reflect (the answer says so). */
  notUnderstood?: string[];
  /** The filters the SQL applies, in plain words ("region = North America"). */
  filters?: string[];
  /** Data values a word not understood is one word of ("asia" → region = Asia Pacific). */
  nearValues?: { word: string; matches: { filter: string; value: string }[] }[];
  /** Phrases that linked to the data but that the SQL does not use ("customers" read as the customer table). */
  unusedLinks?: { phrase: string; meaning: string; kind: string }[];
  /** When a repair gave up: what the person can do next. */
  nextStep?: string;
}

export interface OfflineEngine {
  (input: OfflineQuestion): OfflineAnswer;
  /** Whether the previous turn's plan changes this question's answer (it reads as a follow-up).
   *  Remembered per schema version, glossary and question: asking again touches only memory.
   *  Without it (a stand-in engine) every question in a conversation counts as a follow-up. */
  continuesPrevious?: (input: Pick<OfflineQuestion, 'schema' | 'glossary' | 'question'>) => boolean;
}

/** Follow-up readings remembered: a key and a boolean each. */
const READINGS_CACHE_BYTES = 2 * 1024 * 1024;
const READING_ENTRY_OVERHEAD_BYTES = 64;

/** The offline engine backed by nl2sql's Nl2SqlEngine; the semantic model is built once per
 *  (schema version, glossary) and reused (see engineCache). */
export function createOfflineEngine(options: { now?: string; engines?: EngineCache } = {}): OfflineEngine {
  const engines = options.engines ?? sharedEngines;
  const readings = new ByteLru<boolean>({ maxBytes: READINGS_CACHE_BYTES, sizeOf: (_value, key) => stringBytes(key) + READING_ENTRY_OVERHEAD_BYTES });
  const engineFor = (schema: SchemaInfo, glossary: Glossary | undefined) => engines.engineFor(schema, glossary);
  const continuesPrevious: NonNullable<OfflineEngine['continuesPrevious']> = ({ schema, glossary, question }) => {
    const { engine, key } = engineFor(schema, glossary);
    const readingKey = `${key}:${question}`;
    const known = readings.get(readingKey);
    if (known !== undefined) return known;
    const reading = engine.continuesPrevious(question, { now: options.now });
    readings.set(readingKey, reading);
    return reading;
  };
  const ask = ({ schema, glossary, question, previousPlan, expertise, failures }: OfflineQuestion): OfflineAnswer => {
    const { engine } = engineFor(schema, glossary);
    const asked = { now: options.now, previous: previousPlan as QueryPlan | undefined, expertise };
    const answer: Answer & { nextStep?: string } = failures?.length ? repairAnswer(engine, question, failures, asked) : engine.ask(question, asked);
    return {
      sql: answer.sql,
      confidence: answer.confidence,
      clarification: answer.clarification,
      refusal: answer.refusal,
      explanation: answer.explanation,
      mappings: answer.mapping.map((m) => ({ phrase: m.phrase, target: m.meaning, kind: 'link' })),
      plan: answer.plan,
      notUnderstood: answer.notUnderstood,
      filters: answer.filters,
      ...(answer.nearValues ? { nearValues: answer.nearValues } : {}),
      ...(answer.unusedLinks ? { unusedLinks: answer.unusedLinks } : {}),
      ...(answer.nextStep ? { nextStep: answer.nextStep } : {}),
    };
  };
  return Object.assign(ask, { continuesPrevious });
}

