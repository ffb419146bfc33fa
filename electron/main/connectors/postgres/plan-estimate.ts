import type pg from 'pg';
import { ConnectorError } from '../types';

/** Planner estimates above which a PostgreSQL statement is refused before it runs. */
export interface PlanLimits {
  /** Planner total cost of the whole statement (PostgreSQL cost units). */
  maxTotalCost: number;
  /** Rows the planner expects any single step (join, sort, aggregate input) to produce. */
  maxStepRows: number;
}

/** Far above any analytic query over tables of a few hundred million rows; a cartesian
 *  product of two large inputs exceeds both. */
export const DEFAULT_PLAN_LIMITS: PlanLimits = { maxTotalCost: 1e10, maxStepRows: 1e9 };

/** The strictest of several limits (server-wide, organization…); a missing value sets no bound. */
export function tightestPlanLimits(base: PlanLimits, ...others: Array<{ maxTotalCost?: number | null; maxStepRows?: number | null } | undefined>): PlanLimits {
  const pick = (key: keyof PlanLimits) => Math.min(base[key], ...others.map((o) => o?.[key] ?? Infinity));
  return { maxTotalCost: pick('maxTotalCost'), maxStepRows: pick('maxStepRows') };
}

interface PlanNode {
  'Node Type'?: string;
  'Total Cost'?: number;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

/**
 * Asks the planner (`EXPLAIN (FORMAT JSON)`, which plans without executing) what the statement
 * would cost, inside the caller's read-only session, and refuses it when the estimate exceeds
 * the limits: such statements exhaust the server's memory or run for hours.
 */
export async function checkPlanEstimate(client: pg.PoolClient, sql: string, limits: PlanLimits = DEFAULT_PLAN_LIMITS): Promise<void> {
  const result = await client.query<{ 'QUERY PLAN': unknown }>({ text: `EXPLAIN (FORMAT JSON) ${sql}`, queryMode: 'extended' } as pg.QueryConfig);
  const plan = readPlan(result.rows[0]?.['QUERY PLAN']);
  if (!plan) return;
  const totalCost = plan['Total Cost'] ?? 0;
  const widest = largestStep(plan);
  if (totalCost <= limits.maxTotalCost && widest.rows <= limits.maxStepRows) return;
  const what = widest.rows > limits.maxStepRows
    ? `the database estimates one step (${widest.type}) would produce about ${formatCount(widest.rows)} rows (limit ${formatCount(limits.maxStepRows)})`
    : `the database estimates its cost at ${formatCount(totalCost)} (limit ${formatCount(limits.maxTotalCost)})`;
  throw new ConnectorError(
    'TOO_EXPENSIVE',
    `This query was refused before it ran: ${what}, which would exhaust the database's memory or time.`,
    'Narrow the query: add join conditions between every pair of tables (a missing ON clause multiplies rows), filter to a smaller date range or fewer values, or aggregate before joining.',
  );
}

function readPlan(value: unknown): PlanNode | null {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const first: unknown = Array.isArray(parsed) ? parsed[0] : null;
  const plan = typeof first === 'object' && first !== null ? (first as { Plan?: unknown }).Plan : null;
  return typeof plan === 'object' && plan !== null ? (plan as PlanNode) : null;
}

function largestStep(node: PlanNode): { rows: number; type: string } {
  let best = { rows: node['Plan Rows'] ?? 0, type: node['Node Type'] ?? 'plan step' };
  for (const child of node.Plans ?? []) {
    const found = largestStep(child);
    if (found.rows > best.rows) best = found;
  }
  return best;
}

function formatCount(value: number): string {
  return value >= 1e6 ? `${(value / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 })} million` : Math.round(value).toLocaleString('en-US');
}
