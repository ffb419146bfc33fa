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
    const nullable = fk.fromColumns.some((c) => from.columns.find((x) => x.name === c)?.nullable);
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

/** Joins connecting `root` to every table of `needed`, in order (earlier tables shape later paths). */
export function planJoins(model: SemanticModel, root: string, needed: string[]): JoinStep[] {
  const all = edges(model);
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
