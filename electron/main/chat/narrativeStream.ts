/** The narrative of a model-written answer, phrased by the model and streamed to the screen piece
 *  by piece; the code's narrative stands when no model can phrase it or the phrasing strays from
 *  the facts. Ends with the `narrative` event carrying the final text. */
import type { ChatEvent } from '../../../shared/api/domains/chat';
import type { RequestContext } from '../../../shared/types/auth';
import type { AiService } from '../ai/aiService';
import { phraseNarrative } from '../ai/phrasing';
import { ProviderError } from '../ai/providers/types';
import type { LlmCall } from '../ai/sqlRouter';
import type { SqlGeneration } from './execution';
import type { Draft } from './presentation';

export interface NarrativeTurn {
  ctx: RequestContext;
  question: string;
  signal: AbortSignal;
  emit: (event: ChatEvent) => void;
  calls: LlmCall[];
}

/** The phrasing is a nicety: a slow model must not hold the answer back longer than this. */
const PHRASING_BUDGET_MS = 15_000;

export async function streamNarrative(ai: AiService, turn: NarrativeTurn, draft: Draft, generation: SqlGeneration): Promise<Draft> {
  const finish = (narrative: string | undefined): Draft => {
    turn.emit({ type: 'narrative', text: [draft.headline, narrative].filter(Boolean).join(' ') });
    return { ...draft, narrative };
  };
  const providers = (await ai.pool.forOrg(turn.ctx)).filter((p) => p.available);
  const provider = providers.find((p) => p.id === generation.providerId) ?? providers[0];
  if (!provider) return finish(draft.narrative);
  // The code's caveat (e.g. a fallback) is kept word for word after the phrasing.
  const note = generation.fallbackReason;
  const story = note && draft.narrative?.endsWith(note) ? draft.narrative.slice(0, -note.length).trim() : draft.narrative;
  const started = performance.now();
  try {
    const signal = AbortSignal.any([turn.signal, AbortSignal.timeout(PHRASING_BUDGET_MS)]);
    const phrasing = await phraseNarrative(turn.ctx, provider, { question: turn.question, headline: draft.headline, narrative: story }, (text) => turn.emit({ type: 'narrativeToken', text }), signal);
    record(turn, provider, started, phrasing.usage, phrasing.rejected);
    return finish(phrasing.text ? [phrasing.text, note].filter(Boolean).join(' ') : draft.narrative);
  } catch (error) {
    if (turn.signal.aborted || !(error instanceof ProviderError)) throw error;
    record(turn, provider, started, undefined, error.message);
    return finish(draft.narrative);
  }
}

function record(turn: NarrativeTurn, provider: { id: string; settings: { costPer1kInputTokens: number; costPer1kOutputTokens: number } }, started: number, usage = { inputTokens: 0, outputTokens: 0 }, error?: string): void {
  const costUsd = (usage.inputTokens * provider.settings.costPer1kInputTokens + usage.outputTokens * provider.settings.costPer1kOutputTokens) / 1000;
  turn.calls.push({ providerId: provider.id, ok: !error, latencyMs: performance.now() - started, usage, costUsd, ...(error ? { error } : {}) });
}
