/** Join paths over the foreign-key graph: the cheapest tree connecting the tables a query needs. */
import type { ForeignKey } from '../../../shared/types/schema';
import { bin, col, type Expr } from './ast';
import type { SemanticModel } from './model';

export interface JoinStep {
  table: string;
  on: Expr;
  /** True when the step goes from a parent to its children (one row becomes many). */
  fansOut: boolean;
}

interface Edge { from: string; to: string; fk: ForeignKey; reverse: boolean; cost: number }

const EDGES = new WeakMap<SemanticModel, Edge[]>();

function edges(model: SemanticModel): Edge[] {
  const cached = EDGES.get(model);
  if (cached) return cached;
  const out: Edge[] = [];
  EDGES.set(model, out);
  for (const fk of model.foreignKeys) {
    if (fk.fromTable === fk.toTable || !model.tables.has(fk.fromTable) || !model.tables.has(fk.toTable)) continue;
    const from = model.tables.get(fk.fromTable)!;
    // A nullable key drops rows in an inner join; prefer paths over required keys.
    // Files declare nothing NOT NULL: there nullability says nothing about the key.
    const declaresNulls = from.columns.some((x) => !x.nullable);
    const nullable = declaresNulls && fk.fromColumns.some((c) => from.columns.find((x) => x.name === c)?.nullable);
    const size = (t: string) => Math.log10((model.tables.get(t)?.rowCount ?? 1000) + 1) * 0.01;
    const base = 1 + (nullable ? 2 : 0) + (fk.inferred ? 0.1 : 0);
    out.push({ from: fk.fromTable, to: fk.toTable, fk, reverse: false, cost: base + size(fk.toTable) });
    // Going from a parent to its children multiplies rows: only when no other path exists.
    out.push({ from: fk.toTable, to: fk.fromTable, fk, reverse: true, cost: base + 3 + size(fk.fromTable) });
  }
  return out;
}

function joinCondition(e: Edge): Expr {
  const { fk } = e;
  const parts = fk.fromColumns.map((c, i) => (e.reverse
    ? bin('=', col(fk.fromTable, c), col(fk.toTable, fk.toColumns[i]))
    : bin('=', col(fk.toTable, fk.toColumns[i]), col(fk.fromTable, c))));
  return parts.reduce((a, b) => bin('AND', a, b));
}

/** Cheapest path from any table in `tree` to `target` (Dijkstra over the small schema graph). */
function cheapestPath(all: Edge[], tree: Set<string>, target: string): Edge[] | undefined {
  const dist = new Map<string, number>([...tree].map((t) => [t, 0]));
  const via = new Map<string, Edge>();
  const open = new Set(tree);
  const done = new Set<string>();
  while (open.size) {
    let best: string | undefined;
    for (const t of open) if (best === undefined || dist.get(t)! < dist.get(best)!) best = t;
    open.delete(best!);
    done.add(best!);
    if (best === target) break;
    for (const e of all) {
      if (e.from !== best || done.has(e.to)) continue;
      const d = dist.get(best)! + e.cost;
      if (d < (dist.get(e.to) ?? Infinity)) { dist.set(e.to, d); via.set(e.to, e); open.add(e.to); }
    }
  }
  if (!dist.has(target)) return undefined;
  const path: Edge[] = [];
  for (let t = target; !tree.has(t); t = via.get(t)!.from) path.unshift(via.get(t)!);
  return path;
}

export class NoJoinPathError extends Error {
  constructor(public readonly from: string, public readonly to: string) {
    super(`no foreign-key path links ${from} to ${to}`);
  }
}

/** Words naming the role of one of several keys to the same table ("destination" for `dest_apt_id`). */
const ROLE_WORDS: Record<string, string[]> = {
  destination: ['to', 'arriving', 'arrival', 'arrive', 'inbound', 'destination'], origin: ['from', 'departing', 'departure', 'depart', 'outbound', 'origin'],
  arrival: ['to', 'arriving', 'arrive', 'arrival'], departure: ['from', 'departing', 'depart', 'departure'],
  home: ['home'], away: ['away', 'visiting'], sender: ['from', 'sent'], recipient: ['to', 'received'], buyer: ['bought', 'buyer'], seller: ['sold', 'seller'],
};

/** Edges re-priced for one question: among parallel keys, the one whose role the question names wins;
 *  otherwise the first key by column name, so every dialect picks the same path. */
const PARALLEL = new WeakMap<SemanticModel, Map<Edge, number>>();

/** For each edge that has siblings between the same two tables, its rank among them by column name. */
function parallelRanks(all: Edge[], model: SemanticModel): Map<Edge, number> {
  const cached = PARALLEL.get(model);
  if (cached) return cached;
  const ranks = new Map<Edge, number>();
  for (const e of all) {
    const parallel = all.filter((o) => o.from === e.from && o.to === e.to && o.reverse === e.reverse);
    if (parallel.length > 1) ranks.set(e, [...new Set(parallel.map((o) => o.fk.fromColumns.join('_')))].sort().indexOf(e.fk.fromColumns.join('_')));
  }
  PARALLEL.set(model, ranks);
  return ranks;
}

function hinted(all: Edge[], model: SemanticModel, words: string[]): Edge[] {
  const ranks = parallelRanks(all, model);
  if (!ranks.size) return all;
  return all.map((e) => {
    const rank = ranks.get(e);
    if (rank === undefined) return e;
    const target = new Set(model.tables.get(e.fk.toTable)?.label.split(' ').flatMap((w) => [w, w.replace(/s$/, '')]) ?? []);
    const label = model.tables.get(e.fk.fromTable)?.columns.find((c) => c.name === e.fk.fromColumns[0])?.label.split(' ') ?? [];
    const named = label.some((w) => w !== 'id' && !target.has(w) && (words.includes(w) || (ROLE_WORDS[w] ?? []).some((r) => words.includes(r))));
    return { ...e, cost: e.cost + rank * 0.001 - (named ? 0.05 : 0) };
  });
}

/** Joins connecting `root` to every table of `needed`, in order (earlier tables shape later paths). */
export function planJoins(model: SemanticModel, root: string, needed: string[], words: string[] = []): JoinStep[] {
  const all = hinted(edges(model), model, words);
  const tree = new Set([root]);
  const steps: JoinStep[] = [];
  for (const target of needed) {
    if (tree.has(target)) continue;
    const path = cheapestPath(all, tree, target);
    if (!path) throw new NoJoinPathError(root, target);
    for (const e of path) {
      tree.add(e.to);
      steps.push({ table: e.to, on: joinCondition(e), fansOut: e.reverse });
    }
  }
  return steps;
}

/** Join distance between two tables (Infinity when unconnected). */
export function joinDistance(model: SemanticModel, from: string, to: string): number {
  if (from === to) return 0;
  const path = cheapestPath(edges(model), new Set([from]), to);
  return path ? path.reduce((s, e) => s + e.cost, 0) : Infinity;
}
