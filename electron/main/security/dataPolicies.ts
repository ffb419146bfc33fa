import crypto from 'node:crypto';
import { securityPolicySchema, type RowPolicyRule, type SecurityPolicy } from '../../../shared/api/domains/admin';
import type { RequestContext } from '../../../shared/types/auth';
import type { RowPolicy } from '../sql/guard';
import type { JsonValue, Store } from '../store';
import type { ColumnMaskSetting } from './masking';

export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** What the query path applies for one caller and source. */
export interface QueryPolicies {
  rowPolicies: RowPolicy[];
  /** Lower-case `table.column` or `column` (any table) → configured masking style. */
  columnStyles: Map<string, ColumnMaskSetting>;
}

const SETTINGS_KEY = 'security';

/**
 * The organization's data policies (masking styles, row-level policies, per-person attributes),
 * kept in organization settings and edited only by admins. Attributes that bind a person to
 * rows (e.g. their region) live here rather than in the person's own profile, which they can edit.
 */
export class DataPolicies {
  constructor(private readonly store: Store) {}

  async get(ctx: RequestContext): Promise<SecurityPolicy> {
    const org = await this.store.organizations.get(ctx);
    const parsed = securityPolicySchema.safeParse(org.settings[SETTINGS_KEY] ?? {});
    // A stored policy that no longer parses must not silently turn row filtering off.
    if (!parsed.success) throw new ForbiddenError('The organization’s data policy is invalid, so data access is blocked.', 'An administrator must save the data policies again.');
    return parsed.data;
  }

  async set(ctx: RequestContext, policy: SecurityPolicy): Promise<SecurityPolicy> {
    const valid = securityPolicySchema.parse(policy);
    const org = await this.store.organizations.get(ctx);
    await this.store.organizations.update(ctx, { settings: { ...org.settings, [SETTINGS_KEY]: valid as unknown as JsonValue } });
    return valid;
  }

  /** Changes whenever what this caller may see of the source changes (their row restrictions,
   *  the masking styles): caches of answers must include it in their key. */
  async fingerprint(ctx: RequestContext, sourceId: string): Promise<string> {
    const { rowPolicies, columnStyles } = await this.forQuery(ctx, sourceId);
    return crypto.createHash('sha256').update(JSON.stringify([rowPolicies, [...columnStyles].sort()])).digest('hex').slice(0, 16);
  }

  async forQuery(ctx: RequestContext, sourceId: string): Promise<QueryPolicies> {
    const policy = await this.get(ctx);
    const columnStyles = new Map<string, ColumnMaskSetting>();
    for (const [column, style] of Object.entries(policy.masking)) columnStyles.set(column.toLowerCase(), style);
    const rules = policy.rowPolicies.filter((rule) => rule.roles.includes(ctx.role) && (!rule.sourceId || rule.sourceId === sourceId));
    return { columnStyles, rowPolicies: rules.map((rule) => toRowPolicy(rule, policy.userAttributes[ctx.userId] ?? {})) };
  }
}

function toRowPolicy(rule: RowPolicyRule, attributes: Record<string, string | number | Array<string | number>>): RowPolicy {
  const value = rule.values ?? (rule.attribute ? attributes[rule.attribute] : undefined);
  if (value === undefined) {
    throw new ForbiddenError(
      `Your account has no "${rule.attribute}" assigned, which is required to read ${rule.table}.`,
      'Ask an administrator to set it in the data policies.',
    );
  }
  const values = Array.isArray(value) ? value : [value];
  return values.length === 1
    ? { table: rule.table, column: rule.column, op: '=', value: values[0] }
    : { table: rule.table, column: rule.column, op: 'in', value: values };
}
