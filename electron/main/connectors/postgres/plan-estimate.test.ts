import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { DEFAULT_PLAN_LIMITS, tightestPlanLimits } from './plan-estimate';

describe('PostgreSQL planner limits', () => {
  it('come from AISER_PG_MAX_PLAN_COST / AISER_PG_MAX_STEP_ROWS, with the built-in defaults otherwise', () => {
    expect(loadConfig({ AISER_DATA_DIR: '/tmp/aiser-plan-limits' }).planLimits).toEqual(DEFAULT_PLAN_LIMITS);
    expect(loadConfig({ AISER_DATA_DIR: '/tmp/aiser-plan-limits', AISER_PG_MAX_PLAN_COST: '5e6', AISER_PG_MAX_STEP_ROWS: '200000' }).planLimits)
      .toEqual({ maxTotalCost: 5e6, maxStepRows: 200_000 });
    expect(() => loadConfig({ AISER_DATA_DIR: '/tmp/aiser-plan-limits', AISER_PG_MAX_STEP_ROWS: 'lots' })).toThrow(/AISER_PG_MAX_STEP_ROWS .*Fix the environment variable/);
  });

  it('let an organization tighten the server limits but never loosen them', () => {
    const server = { maxTotalCost: 1e8, maxStepRows: 1e6 };
    expect(tightestPlanLimits(server, { maxTotalCost: null, maxStepRows: 1000 })).toEqual({ maxTotalCost: 1e8, maxStepRows: 1000 });
    expect(tightestPlanLimits(server, { maxTotalCost: 1e12, maxStepRows: 1e12 })).toEqual(server);
    expect(tightestPlanLimits(server, undefined)).toEqual(server);
  });
});
