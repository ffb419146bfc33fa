/** The built-in offline NL→SQL engine as the router sees it: a provider that always exists. */
import { createHash } from 'node:crypto';
import type { ExpertiseLevel } from '../../../shared/types/auth';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import { Nl2SqlEngine, type Answer } from '../nl2sql/engine';
import type { QueryPlan } from '../nl2sql/plan';
import { repairAnswer, type FailedAttempt } from '../nl2sql/repair';

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

const ENGINE_CACHE_SIZE = 16;
/** Follow-up readings remembered (a key and a boolean each: a few hundred kB at most). */
const READINGS_CACHE_SIZE = 5_000;

/** The offline engine backed by nl2sql's Nl2SqlEngine; the semantic model is built once per
 *  (schema version, glossary) and reused. */
export function createOfflineEngine(options: { now?: string } = {}): OfflineEngine {
  const engines = new Map<string, Nl2SqlEngine>();
  const readings = new Map<string, boolean>();
  const engineFor = (schema: SchemaInfo, glossary: Glossary | undefined): { engine: Nl2SqlEngine; key: string } => {
    const key = `${schema.version}:${glossaryFingerprint(glossary)}`;
    let engine = engines.get(key);
    if (!engine) {
      engine = new Nl2SqlEngine(schema, glossary);
      engines.set(key, engine);
      if (engines.size > ENGINE_CACHE_SIZE) engines.delete(engines.keys().next().value as string);
    }
    return { engine, key };
  };
  const continuesPrevious: NonNullable<OfflineEngine['continuesPrevious']> = ({ schema, glossary, question }) => {
    const { engine, key } = engineFor(schema, glossary);
    const readingKey = `${key}:${question}`;
    const known = readings.get(readingKey);
    if (known !== undefined) return known;
    const reading = engine.continuesPrevious(question, { now: options.now });
    readings.set(readingKey, reading);
    if (readings.size > READINGS_CACHE_SIZE) readings.delete(readings.keys().next().value as string);
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

/** Fingerprints by glossary object: an answer asks for the same glossary's several times (engine,
 *  cache key, follow-up checks), and glossaries are read-only once parsed. */
const fingerprints = new WeakMap<Glossary, string>();

export function glossaryFingerprint(glossary: Glossary | undefined): string {
  if (!glossary) return 'none';
  let fingerprint = fingerprints.get(glossary);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(JSON.stringify(glossary)).digest('hex').slice(0, 16);
    fingerprints.set(glossary, fingerprint);
  }
  return fingerprint;
}
