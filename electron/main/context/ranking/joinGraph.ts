/** The foreign-key graph of a schema (undirected: a join works both ways) and the tables that
 *  lie on short join paths between the tables a question needs. */
import type { ForeignKey } from '../../../../shared/types/schema';

export interface JoinPathOptions {
  /** Also keep tables on paths up to this many joins longer than the shortest one: there is
   *  often more than one sensible route (sales by region: via the store or via the rep). */
  slack: number;
  /** Pairs further apart than this are not connected (they are probably unrelated). */
  maxHops: number;
  /** At most this many alternative-route tables per pair, the most relevant first. */
  maxDetourTablesPerPair: number;
}

export const DEFAULT_JOIN_PATH_OPTIONS: JoinPathOptions = { slack: 1, maxHops: 4, maxDetourTablesPerPair: 4 };

export class JoinGraph {
  private readonly neighbours = new Map<string, Set<string>>();

  constructor(foreignKeys: readonly ForeignKey[]) {
    for (const fk of foreignKeys) {
      if (fk.fromTable === fk.toTable) continue;
      this.link(fk.fromTable, fk.toTable);
      this.link(fk.toTable, fk.fromTable);
    }
  }

  /** Hop distances from `start`, explored up to `maxHops`. */
  distancesFrom(start: string, maxHops: number): Map<string, number> {
    const distance = new Map<string, number>([[start, 0]]);
    let frontier = [start];
    for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
      const next: string[] = [];
      for (const table of frontier) {
        for (const neighbour of this.neighbours.get(table) ?? []) {
          if (distance.has(neighbour)) continue;
          distance.set(neighbour, hop);
          next.push(neighbour);
        }
      }
      frontier = next;
    }
    return distance;
  }

  /**
   * Tables (other than the anchors) needed to join the anchors: for every pair, the tables
   * on a shortest path, plus up to `maxDetourTablesPerPair` tables on paths at most `slack`
   * joins longer, preferring tables with a higher `relevance`.
   */
  connectingTables(anchors: readonly string[], relevance: (table: string) => number, options = DEFAULT_JOIN_PATH_OPTIONS): string[] {
    const anchorSet = new Set(anchors);
    const reach = new Map(anchors.map((a) => [a, this.distancesFrom(a, options.maxHops + options.slack)]));
    const added = new Set<string>();
    for (let i = 0; i < anchors.length; i++) {
      for (let j = i + 1; j < anchors.length; j++) {
        const fromA = reach.get(anchors[i])!;
        const fromB = reach.get(anchors[j])!;
        const shortest = fromA.get(anchors[j]);
        if (shortest === undefined || shortest > options.maxHops) continue;
        const detours: { table: string; excess: number }[] = [];
        for (const [table, da] of fromA) {
          const db = fromB.get(table);
          if (db === undefined || anchorSet.has(table)) continue;
          const excess = da + db - shortest;
          if (excess === 0) added.add(table);
          else if (excess <= options.slack) detours.push({ table, excess });
        }
        detours
          .sort((x, y) => x.excess - y.excess || relevance(y.table) - relevance(x.table) || x.table.localeCompare(y.table))
          .slice(0, options.maxDetourTablesPerPair)
          .forEach((d) => added.add(d.table));
      }
    }
    return [...added];
  }

  private link(from: string, to: string): void {
    let set = this.neighbours.get(from);
    if (!set) this.neighbours.set(from, (set = new Set()));
    set.add(to);
  }
}
