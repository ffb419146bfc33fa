/** Business rules sent with a question ("a sale counts only when it is paid"): the data values they
 *  name become filters of the plan when the plan can reach them; what is not understood is reported. */
import { joinDistance } from './joins';
import type { LinkIndex } from './linker';
import type { SemanticModel } from './model';
import type { QueryPlan } from './plan';
import { parse } from './planner';
import { measureTable } from './compile';
import { best } from './roles';

export interface InstructionOutcome {
  /** Filters added, in words ("sbTxStatus = posted"). */
  applied: string[];
  /** True when the rules named nothing this source holds. */
  understood: boolean;
}

export function applyInstructions(model: SemanticModel, index: LinkIndex, plan: QueryPlan, instructions: string, now: string): InstructionOutcome {
  const root = measureTable(plan.measures[0]);
  const applied: string[] = [];
  for (const r of parse(index, instructions, now).roled) {
    const value = best(r.mention, 'value')?.target;
    if (!value || joinDistance(model, root, value.table) >= 5) continue;
    if (plan.filters.some((f) => f.table === value.table && f.column === value.column)) continue;
    plan.filters.push({ kind: 'values', table: value.table, column: value.column, values: [value.value], negated: r.negated });
    applied.push(`${value.column} ${r.negated ? '≠' : '='} ${value.value}`);
  }
  return { applied, understood: applied.length > 0 };
}
