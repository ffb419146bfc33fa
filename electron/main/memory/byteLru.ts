import { trimWhenIdle, type IdleTrimmable } from './idle';

/** A least-recently-used map bounded by an estimate of the memory its entries hold (and,
 *  optionally, by their count). Every long-lived cache of the server keeps its entries in one, so
 *  a burst of sources, schemas or questions cannot grow memory past a known budget. */

export interface ByteLruOptions<V> {
  /** Memory budget for all entries; the least recently used go first beyond it. */
  maxBytes: number;
  /** Optional cap on the number of entries as well. */
  maxEntries?: number;
  /** Estimated bytes one entry holds (its value and key). */
  sizeOf: (value: V, key: string) => number;
  /** Keep the entry just stored even when it alone is over the budget (it is in use; the next
   *  store evicts it). Without this, such a value is not stored at all. */
  keepLatest?: boolean;
  /** Called for every entry dropped to stay within budget or by trimTo (not for delete/clear). */
  onEvict?: (key: string, value: V) => void;
  /** Drop entries untouched for a while when the server turns idle (default true). */
  trimWhenIdle?: boolean;
  /** Clock for when entries were last used (tests inject one). */
  now?: () => number;
}

interface Slot<V> {
  value: V;
  bytes: number;
  touched: number;
}

export class ByteLru<V> implements IdleTrimmable {
  // Map iteration order is insertion order: a read re-inserts, so the first key is the oldest.
  private readonly slots = new Map<string, Slot<V>>();
  private totalBytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: ByteLruOptions<V>) {
    if (!(options.maxBytes > 0)) throw new Error(`A cache needs a positive memory budget (got ${options.maxBytes} bytes).`);
    this.now = options.now ?? Date.now;
    if (options.trimWhenIdle !== false) trimWhenIdle(this);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Estimated bytes held by all entries. */
  get bytes(): number {
    return this.totalBytes;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** The value, marked as most recently used. */
  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    slot.touched = this.now();
    return slot.value;
  }

  /** The value without changing its recency. */
  peek(key: string): V | undefined {
    return this.slots.get(key)?.value;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** Stores the value; returns false (and stores nothing) when it alone exceeds the budget. */
  set(key: string, value: V): boolean {
    const bytes = Math.max(0, this.options.sizeOf(value, key));
    this.delete(key);
    if (bytes > this.options.maxBytes && !this.options.keepLatest) return false;
    this.slots.set(key, { value, bytes, touched: this.now() });
    this.totalBytes += bytes;
    this.evictBeyond(this.options.maxBytes, this.options.maxEntries ?? Infinity, this.options.keepLatest ? 1 : 0);
    return true;
  }

  /** The cached value, or the computed one stored for next time. */
  getOrCreate(key: string, create: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const value = create();
    this.set(key, value);
    return value;
  }

  delete(key: string): boolean {
    const slot = this.slots.get(key);
    if (!slot) return false;
    this.slots.delete(key);
    this.totalBytes -= slot.bytes;
    return true;
  }

  /** Drops entries whose key or value matches. */
  deleteWhere(match: (value: V, key: string) => boolean): number {
    let dropped = 0;
    for (const [key, slot] of [...this.slots]) if (match(slot.value, key) && this.delete(key)) dropped += 1;
    return dropped;
  }

  clear(): void {
    this.slots.clear();
    this.totalBytes = 0;
  }

  /** Drops the entries last used before `cutoff` (the server turned idle). */
  dropUntouchedSince(cutoff: number): number {
    let dropped = 0;
    for (const [key, slot] of this.slots) {
      // Recency order: the first entry used at or after the cutoff ends the stale ones.
      if (slot.touched >= cutoff) break;
      this.slots.delete(key);
      this.totalBytes -= slot.bytes;
      dropped += 1;
      this.options.onEvict?.(key, slot.value);
    }
    return dropped;
  }

  /** Evicts the least recently used entries until at most `bytes` (and `entries`) remain. */
  trimTo(bytes: number, entries = Infinity): number {
    return this.evictBeyond(bytes, entries, 0);
  }

  private evictBeyond(bytes: number, entries: number, keep: number): number {
    let evicted = 0;
    while (this.slots.size > keep && (this.totalBytes > bytes || this.slots.size > entries)) {
      const [key, slot] = this.slots.entries().next().value as [string, Slot<V>];
      this.slots.delete(key);
      this.totalBytes -= slot.bytes;
      evicted += 1;
      this.options.onEvict?.(key, slot.value);
    }
    return evicted;
  }

  /** Entries from least to most recently used. */
  *entries(): IterableIterator<[string, V]> {
    for (const [key, slot] of this.slots) yield [key, slot.value];
  }

  *values(): IterableIterator<V> {
    for (const slot of this.slots.values()) yield slot.value;
  }
}

/** UTF-16 bytes of a string as V8 may hold it (an upper bound for one-byte strings). */
export function stringBytes(text: string): number {
  return 2 * text.length;
}

/** Estimated bytes of a JSON-shaped value: its JSON text in UTF-16 (objects take more than their
 *  text, strings less; a consistent yardstick, not an exact count). */
export function jsonBytes(value: unknown): number {
  return stringBytes(JSON.stringify(value) ?? '');
}
