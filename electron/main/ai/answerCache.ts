/** In-memory answer cache. The key covers everything that changes an answer or who may see it:
 *  organization, role (permissions, masking), expertise, source and its schema version, glossary version,
 *  the normalised question, the previous answer when the question is a follow-up of it, and the mode. Entries hold only what was
 *  shown (aggregated result rows, capped), expire after a TTL and are dropped when the source's
 *  schema or glossary changes. */
import { createHash } from 'node:crypto';
import type { Answer } from '../../../shared/api/domains/chat';
import type { Role } from '../../../shared/types/auth';
import { ByteLru } from '../memory';

export interface CacheKeyParts {
  orgId: string;
  role: Role;
  /** The person's expertise level shapes the explanation's wording. */
  expertise: string;
  sourceId: string;
  schemaVersion: string;
  glossaryVersion: string;
  question: string;
  /** Hash of the previous turn's plan/SQL when the question continues it; '' for a new
   *  conversation or a standalone question (then any conversation shares the answer). */
  conversationState: string;
  mode: string;
  /** Fingerprint of the row policies and masking that apply to this person on this source:
   *  two people of the same role bound to different regions never share an answer. */
  policyFingerprint: string;
  /** Organization settings that change the answer (see AnalysisHook.settingsKey). */
  settingsKey?: string;
}

export type CachedAnswer = Omit<Answer, 'conversationId' | 'messageId'> & { plan?: unknown };

interface Entry {
  orgId: string;
  sourceId: string;
  schemaVersion: string;
  glossaryVersion: string;
  expiresAt: number;
  value: CachedAnswer;
  /** Estimated memory the entry holds (UTF-16 text of its key and JSON value). */
  bytes: number;
}

export interface AnswerCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Memory budget for all entries; the least recently used are evicted beyond it. */
  maxBytes: number;
  /** Results with more rows are not cached (they are not aggregates worth keeping). */
  maxRows: number;
}

export const DEFAULT_CACHE_OPTIONS: AnswerCacheOptions = { ttlMs: 10 * 60_000, maxEntries: 500, maxBytes: 32 * 1024 * 1024, maxRows: 1_000 };

export function normaliseQuestion(question: string): string {
  return question.toLowerCase().normalize('NFKC').replace(/[’‘`]/g, "'").replace(/[?!.,;:]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export class AnswerCache {
  private readonly entries: ByteLru<Entry>;
  hits = 0;
  misses = 0;
  private readonly countsByOrg = new Map<string, { hits: number; misses: number }>();

  constructor(private readonly options: AnswerCacheOptions = DEFAULT_CACHE_OPTIONS, private readonly now: () => number = Date.now) {
    this.entries = new ByteLru({ maxBytes: options.maxBytes, maxEntries: options.maxEntries, sizeOf: (entry) => entry.bytes });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held by all entries. */
  get bytes(): number {
    return this.entries.bytes;
  }

  get(parts: CacheKeyParts): CachedAnswer | undefined {
    const key = cacheKeyOf(parts);
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry) this.entries.delete(key);
      this.misses += 1;
      this.countFor(parts.orgId).misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.countFor(parts.orgId).hits += 1;
    return entry.value;
  }

  /** Stores a successful answer; large or unaggregated results are skipped. */
  set(parts: CacheKeyParts, value: CachedAnswer): void {
    if (value.kind !== 'answer' || (value.result && value.result.rowCount > this.options.maxRows)) return;
    const key = cacheKeyOf(parts);
    const bytes = 2 * (key.length + JSON.stringify(value).length);
    // A value over the whole budget is not stored (it would evict everything else and still not fit).
    this.entries.set(key, {
      orgId: parts.orgId, sourceId: parts.sourceId, schemaVersion: parts.schemaVersion, glossaryVersion: parts.glossaryVersion,
      expiresAt: this.now() + this.options.ttlMs, value, bytes,
    });
  }

  /** One organization's entries, hits and misses (status pages show only the caller's own). */
  statsOf(orgId: string): { entries: number; hits: number; misses: number } {
    let entries = 0;
    for (const entry of this.entries.values()) if (entry.orgId === orgId) entries += 1;
    const counts = this.countsByOrg.get(orgId) ?? { hits: 0, misses: 0 };
    return { entries, hits: counts.hits, misses: counts.misses };
  }

  private countFor(orgId: string): { hits: number; misses: number } {
    const counts = this.countsByOrg.get(orgId) ?? { hits: 0, misses: 0 };
    this.countsByOrg.set(orgId, counts);
    return counts;
  }

  /** Drops a source's entries made under another schema or glossary version (or all of them). */
  invalidateSource(orgId: string, sourceId: string, current?: { schemaVersion: string; glossaryVersion: string }): number {
    return this.entries.deleteWhere((entry) => entry.orgId === orgId && entry.sourceId === sourceId
      && !(current && entry.schemaVersion === current.schemaVersion && entry.glossaryVersion === current.glossaryVersion));
  }
}

/** The opaque key for a set of parts (also used to coalesce identical in-flight questions). */
export function cacheKeyOf(parts: CacheKeyParts): string {
  const canonical = JSON.stringify([parts.orgId, parts.role, parts.expertise, parts.sourceId, parts.schemaVersion, parts.glossaryVersion, normaliseQuestion(parts.question), parts.conversationState, parts.mode, parts.policyFingerprint, parts.settingsKey ?? '']);
  return createHash('sha256').update(canonical).digest('hex');
}
