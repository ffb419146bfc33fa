/** Runs generated SQL through the guarded query service; on a database error the offline engine
 *  repairs its own SQL from the error, otherwise a model is asked for a corrected statement
 *  (bounded); SQL the guard refuses is audited and never runs. */
import type { QueryResult } from '../../../shared/api/domains/query';
import type { AiService } from '../ai/aiService';
import type { Generation, GenerateInput } from '../ai/sqlRouter';
import type { QueryService } from '../query/queryService';
import type { FailedAttempt } from '../nl2sql/repair';
import { expectedShape, shapeProblem } from '../ai/shape';

/** The database refused the offline engine's SQL and neither the engine nor a model could repair it. */
export class OfflineRepairError extends Error {
  override name = 'OfflineRepairError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export const MAX_REPAIRS = 2;
/** Chat answers show aggregates: more rows than this are cut (and flagged as truncated). */
export const CHAT_MAX_ROWS = 1_000;

const MAX_STORE_RETRIES = 2;

function isStoreBusy(error: unknown): boolean {
  return error instanceof Error && /SQLITE_BUSY/.test(error.message);
}

export type SqlGeneration = Extract<Generation, { kind: 'sql' }>;

export interface Executed {
  result: QueryResult;
  generation: SqlGeneration;
  repairs: number;
}

export interface ExecutionDeps {
  ai: AiService;
  query: QueryService;
  sourceId: string;
  input: GenerateInput;
  /** Called before each attempt (the SQL event of the stream). */
  onAttempt: (generation: SqlGeneration) => void;
  /** Called once with the statement whose result is shown (a model's SQL is shown only after its result passed the shape check). */
  onAccepted?: (generation: SqlGeneration) => void;
}

export async function executeWithRepair(first: SqlGeneration, deps: ExecutionDeps): Promise<Executed> {
  const { ai, query, input } = deps;
  let generation = first;
  let repairs = 0;
  let storeRetries = 0;
  const offlineFailures: FailedAttempt[] = [];
  const expected = expectedShape(input.question);
  let reaskedForShape = false;
  for (;;) {
    deps.onAttempt(generation);
    try {
      const result = await query.run(input.ctx, deps.sourceId, generation.sql, { maxRows: CHAT_MAX_ROWS, signal: input.signal, origin: 'chat' });
      const problem = generation.engine === 'llm' ? shapeProblem(expected, result) : undefined;
      if (!problem) {
        deps.onAccepted?.(generation);
        return { result, generation, repairs };
      }
      // A model's result of the wrong shape: ask once more with the problem stated, then fall back honestly.
      if (!reaskedForShape && !input.signal.aborted) {
        reaskedForShape = true;
        const again = await ai.router.repair(input, { sql: generation.sql, error: problem, kind: 'shape' }, generation.providerId);
        if (again?.kind === 'sql') {
          generation = again;
          continue;
        }
      }
      const offline = await ai.router.generate({ ...input, mode: 'offline' });
      if (offline.kind === 'sql') {
        generation = { ...offline, fallbackReason: `The language model’s query did not fit the question (${lowerFirst(problem)}); the built-in engine answered instead.` };
        continue;
      }
      deps.onAccepted?.(generation);
      return { result, generation: { ...generation, fallbackReason: `Check this answer: ${lowerFirst(problem)}. The built-in engine could not answer this question either.` }, repairs };
    } catch (error) {
      // The embedded store can be briefly locked by another writer while recording lineage/audit.
      if (isStoreBusy(error) && storeRetries < MAX_STORE_RETRIES && !input.signal.aborted) {
        storeRetries += 1;
        continue;
      }
      const named = error as { name?: string; code?: string; message?: string };
      if (named.name === 'SqlGuardError') {
        await ai.telemetry.recordRefusedSql(input.ctx, { sourceId: deps.sourceId, providerId: generation.providerId, sql: generation.sql, reason: named.message ?? 'refused' });
        const fallback = generation.engine === 'llm' ? await ai.router.generate({ ...input, mode: 'offline' }) : null;
        if (fallback?.kind !== 'sql') throw error;
        generation = { ...fallback, fallbackReason: 'The language model’s query was refused by the safety check; the built-in engine answered instead.' };
        continue;
      }
      const repairable = named.name === 'ConnectorError' && named.code === 'QUERY_FAILED' && repairs < MAX_REPAIRS && !input.signal.aborted;
      if (!repairable) throw error;
      if (generation.engine === 'offline') {
        offlineFailures.push({ sql: generation.sql, error: named.message ?? 'error' });
        const offline = ai.router.repairOffline(input, offlineFailures);
        if (offline.sql && !offline.refusal && !offline.clarification) {
          generation = { ...generation, sql: offline.sql, explanation: offline.explanation, confidence: offline.confidence, mappings: offline.mappings, plan: offline.plan, filters: offline.filters, nearValues: offline.nearValues };
          repairs += 1;
          continue;
        }
        const byModel = await ai.router.repair(input, { sql: generation.sql, error: named.message ?? 'error' });
        if (byModel?.kind !== 'sql') throw new OfflineRepairError(offline.refusal ?? named.message ?? 'The database refused the query.', offline.nextStep);
        generation = byModel;
        repairs += 1;
        continue;
      }
      const repaired = await ai.router.repair(input, { sql: generation.sql, error: named.message ?? 'error' }, generation.providerId);
      if (repaired?.kind !== 'sql') throw error;
      generation = repaired;
      repairs += 1;
    }
  }
}

/** "The question asks…" → "the question asks…" (to sit inside a sentence; the final period is dropped). */
function lowerFirst(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
}
