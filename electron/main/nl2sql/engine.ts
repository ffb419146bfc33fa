/** The offline NL→SQL engine: question (plus conversation) → SQL, confidence, explanation. */
import type { SchemaInfo } from '../../../shared/types/schema';
import type { Expertise, Glossary } from '../../../shared/types/semantic';
import { calibrated, featuresOf, type CalibrationFeatures } from './calibration';
import { compilePlan } from './compile';
import { explainPlan } from './explain';
import { filterWords, valuesContaining } from './filterWords';
import { applyInstructions } from './instructions';
import { NoJoinPathError } from './joins';
import { buildLinkIndex, type LinkIndex } from './linker';
import { buildSemanticModel, type SemanticModel } from './model';
import type { PhraseLink, QueryPlan } from './plan';
import { planQuestion, type Clarification } from './planner';
import { renderSelect, UnsupportedInDialectError } from './render';
import type { Select } from './ast';
import { isoDate } from './time';
import { notUnderstood, NOT_UNDERSTOOD_CONFIDENCE } from './understood';
import { unusedLinks, type UnusedLink } from './unusedLinks';
import { ByteLru, jsonBytes } from '../memory';

/** Distinct values to index per low-cardinality text column when introspecting for the engine. */
export const NL2SQL_VALUE_CAP = 100;

/** Below this confidence the engine asks instead of answering. */
export const CLARIFY_THRESHOLD = 0.45;

export interface AskOptions {
  /** Reference date D (YYYY-MM-DD); default: the glossary's `now`, else today. */
  now?: string;
  /** The previous turn's plan, for follow-up questions. */
  previous?: QueryPlan;
  expertise?: Expertise;
  /** Business rules for this question ("a sale counts only when it is paid"). */
  instructions?: string;
  /** Changes to the compiled query before it is printed (repairs after a database error). */
  rewrite?: (query: Select) => Select;
}

export interface Answer {
  /** Best reading's SQL in the source's dialect (also present next to a clarification). */
  sql?: string;
  plan?: QueryPlan;
  confidence: number;
  clarification?: Clarification;
  refusal?: string;
  explanation: string;
  mapping: PhraseLink[];
  /** What the confidence was computed from (kept for fitting and for the reliability table). */
  calibration?: CalibrationFeatures;
  /** Words of the question the engine could not place. */
  unknownWords?: string[];
  /** Of those, the ones a person would expect to matter that the query does not reflect (said in the answer). */
  notUnderstood?: string[];
  /** The filters the query applies, in plain words ("region = North America"), said with the answer. */
  filters?: string[];
  /** For a word not understood that is one word of a data value: the values it could mean ("asia" → Asia Pacific). */
  nearValues?: { word: string; matches: { filter: string; value: string }[] }[];
  /** Phrases that linked firmly to the data but that the query does not use (said in the answer). */
  unusedLinks?: UnusedLink[];
}

const TRIMMED_ENGINES = 4;
const TRIMMED_ENGINE_BYTES = 32 * 1024 * 1024;
/** An engine holds about 8.5× its schema's JSON size (see ai/engineCache). */
const TRIMMED_ENGINE_BYTES_PER_SCHEMA_BYTE = 10;

export class Nl2SqlEngine {
  readonly model: SemanticModel;
  private readonly index: LinkIndex;
  /** Engines without some columns, each as large as this one: a few, bounded by their schema's size. */
  private readonly trimmed = new ByteLru<Nl2SqlEngine>({ maxBytes: TRIMMED_ENGINE_BYTES, maxEntries: TRIMMED_ENGINES, sizeOf: (engine) => TRIMMED_ENGINE_BYTES_PER_SCHEMA_BYTE * jsonBytes(engine.schema) });

  constructor(readonly schema: SchemaInfo, private readonly glossary?: Glossary) {
    this.model = buildSemanticModel(schema, glossary);
    this.index = buildLinkIndex(this.model);
  }

  /** The engine on this schema without some columns (ones the database turned out not to have). */
  without(columns: { table?: string; column: string }[]): Nl2SqlEngine {
    const key = columns.map((c) => `${c.table ?? '*'}.${c.column}`.toLowerCase()).sort().join(',');
    let engine = this.trimmed.get(key);
    if (!engine) {
      const gone = (table: string, column: string) => columns.some((c) => c.column.toLowerCase() === column.toLowerCase() && (!c.table || c.table.toLowerCase() === table.toLowerCase()));
      const tables = this.schema.tables.map((t) => ({ ...t, columns: t.columns.filter((c) => !gone(t.name, c.name)) }));
      const foreignKeys = this.schema.foreignKeys.filter((k) => !k.fromColumns.some((c) => gone(k.fromTable, c)) && !k.toColumns.some((c) => gone(k.toTable, c)));
      engine = new Nl2SqlEngine({ ...this.schema, tables, foreignKeys }, this.glossary);
      this.trimmed.set(key, engine);
    }
    return engine;
  }

  ask(question: string, options: AskOptions = {}): Answer {
    const now = options.now ?? this.model.now ?? isoDate(new Date());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(now)) throw new Error(`Reference date "${now}" must look like YYYY-MM-DD.`);
    if (!question.trim()) return { confidence: 0, refusal: 'Ask a question about your data, e.g. "revenue by month this year".', explanation: '', mapping: [] };
    let outcome: ReturnType<typeof planQuestion>;
    try {
      outcome = planQuestion(this.model, this.index, question, now, options.previous);
    } catch (err) {
      // A reading the planner cannot complete (e.g. unconnected tables) is answered, not thrown.
      const refusal = `I could not build a query for this question (${(err as Error).message}). Try naming the metric and the breakdown you want.`;
      return { confidence: 0.05, refusal, explanation: refusal, mapping: [] };
    }
    if (!outcome.plan) {
      const { confidence, refusal, clarification } = outcome;
      return { confidence, refusal, explanation: refusal ?? clarification?.question ?? '', mapping: [], ...(clarification ? { clarification } : {}) };
    }
    const plan = outcome.plan;
    const rules = options.instructions?.trim() ? applyInstructions(this.model, this.index, plan, options.instructions, now) : undefined;
    let sql: string;
    try {
      const query = compilePlan(this.model, plan);
      sql = renderSelect(options.rewrite ? options.rewrite(query) : query, this.model.dialect);
    } catch (err) {
      if (err instanceof UnsupportedInDialectError || err instanceof NoJoinPathError || err instanceof Error) {
        const hint = err instanceof UnsupportedInDialectError ? ' Ask for the average instead, or use a PostgreSQL or DuckDB source.' : '';
        return { plan, confidence: 0.1, refusal: `I understood the question but cannot answer it here: ${err.message}.${hint}`, explanation: '', mapping: plan.links };
      }
      throw err;
    }
    const features = featuresOf(outcome.confidence, outcome.signals, plan, sql);
    // Rules that named nothing this source holds could change the answer: less sure.
    const unknownWords = outcome.signals?.unknownWords ?? [];
    const missed = notUnderstood(this.model, plan, sql, unknownWords, outcome.signals?.modifierWords);
    const unused = unusedLinks(this.model, plan, sql, outcome.signals?.linked ?? []);
    const ruled = rules && !rules.understood ? Math.round(calibrated(features) * 0.6 * 100) / 100 : calibrated(features);
    // An answer that leaves out a word of the question (unknown, or linked but unused) is not a confident answer to it.
    const confidence = missed.length || unused.length ? Math.min(ruled, NOT_UNDERSTOOD_CONFIDENCE) : ruled;
    const answer: Answer = { sql, plan, confidence, explanation: explainPlan(plan, options.expertise, sql), mapping: plan.links, calibration: features, unknownWords, notUnderstood: missed, filters: filterWords(this.model, plan) };
    const near = missed.map((word) => ({ word, matches: valuesContaining(this.model, word) })).filter((n) => n.matches.length);
    if (near.length) answer.nearValues = near;
    if (unused.length) answer.unusedLinks = unused;
    if (rules) answer.explanation += rules.understood ? ` Rules applied: ${rules.applied.join('; ')}.` : ` I could not apply the instructions "${options.instructions}" to this data.`;
    if (outcome.clarification) answer.clarification = outcome.clarification;
    else if (confidence < CLARIFY_THRESHOLD) answer.clarification = this.clarify(plan, confidence, missed);
    return answer;
  }

  /** Whether the previous turn's plan would change this question's answer (a follow-up reading).
   *  Unsure (the question cannot be planned) counts as yes. */
  continuesPrevious(question: string, options: Pick<AskOptions, 'now'> = {}): boolean {
    const now = options.now ?? this.model.now ?? isoDate(new Date());
    try {
      return planQuestion(this.model, this.index, question, now).continuesPrevious !== false;
    } catch {
      return true;
    }
  }

  /** Runs each turn as a follow-up of the one before; returns the last answer. */
  askConversation(turns: string[], options: Omit<AskOptions, 'previous'> = {}): Answer {
    let previous: QueryPlan | undefined;
    let answer: Answer | undefined;
    for (const turn of turns) {
      answer = this.ask(turn, { ...options, previous });
      previous = answer.plan ?? previous;
    }
    if (!answer) throw new Error('A conversation needs at least one question.');
    return answer;
  }

  private clarify(plan: QueryPlan, confidence: number, notUnderstood: string[]): Clarification {
    const current = plan.measures[0].kind === 'metric' ? plan.measures[0].metric.name : plan.measures[0].label;
    const measureColumns = [...this.model.tables.values()].flatMap((t) => t.columns.filter((c) => c.role === 'measure').map((c) => `${c.label} (${t.label})`));
    const others = (this.model.metrics.length ? this.model.metrics.map((m) => m.name) : measureColumns).filter((n) => n !== current).slice(0, 3);
    const rest = Math.max(0.05, (1 - confidence) / Math.max(1, others.length));
    const missing = notUnderstood.length ? `I could not place ${notUnderstood.map((w) => `"${w}"`).join(', ')} in this data. ` : 'I am not sure what you mean. ';
    return {
      question: `${missing}Did you mean ${[current, ...others].map((o) => `"${o}"`).join(' or ')}?`,
      options: [{ label: current, confidence }, ...others.map((label) => ({ label, confidence: Math.round(rest * 100) / 100 }))],
    };
  }
}
