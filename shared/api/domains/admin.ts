import { z } from 'zod';
import { ROLES } from '../../types/auth';
import { empty, endpoint, id } from '../endpoint';
import { userSchema } from './auth';
import { queryResultSchema } from './query';

const jsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

export const auditEventSchema = z.object({
  seq: z.number(), at: z.string(), actorId: z.string(), action: z.string(), target: z.string().nullable(),
  details: z.record(z.string(), jsonValue), prevHash: z.string(), hash: z.string(),
});

export const auditVerdictSchema = z.union([
  z.object({ ok: z.literal(true), count: z.number(), head: z.object({ seq: z.number(), hash: z.string() }).nullable(), checkpoints: z.number(), lastCheckpointSeq: z.number().nullable() }),
  z.object({ ok: z.literal(false), brokenAtSeq: z.number().nullable(), reason: z.string(), checkpoints: z.number() }),
]);

const identifier = z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'Use a plain table or column name (letters, digits, _)').max(128);
const policyValue = z.union([z.string().max(200), z.number().finite()]);

export const MASK_STYLES = ['hash', 'partial', 'redact', 'none'] as const;

/** Row-level policy: people with one of `roles` only see rows of `table` whose `column` equals
 *  their attribute (`attribute`, set per person by an admin in `userAttributes`) or one of `values`. */
export const rowPolicyRuleSchema = z.strictObject({
  table: identifier,
  column: identifier,
  roles: z.array(z.enum(ROLES)).min(1, 'Name the roles the policy applies to'),
  attribute: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use a lower-case attribute name such as region').optional(),
  values: z.array(policyValue).min(1).max(100).optional(),
  /** Only for this data source; omitted: every source with the table. */
  sourceId: id.optional(),
}).refine((rule) => (rule.attribute === undefined) !== (rule.values === undefined), { message: 'Give exactly one of attribute or values', path: ['attribute'] });

export const securityPolicySchema = z.strictObject({
  /** `table.column` or `column` → masking style for people without PII access ('none' turns off name-based detection only). */
  masking: z.record(z.string().trim().toLowerCase().regex(/^([a-z_][a-z0-9_$]*\.)?[a-z_][a-z0-9_$ ]*$/, 'Use column or table.column'), z.enum(MASK_STYLES)).default({}),
  rowPolicies: z.array(rowPolicyRuleSchema).max(200).default([]),
  /** Per person (user id): attribute → value(s) used by row policies. Only admins can set these. */
  userAttributes: z.record(id, z.record(z.string(), z.union([policyValue, z.array(policyValue).min(1).max(100)]))).default({}),
});
export type SecurityPolicy = z.output<typeof securityPolicySchema>;
export type RowPolicyRule = z.output<typeof rowPolicyRuleSchema>;

export const adminApi = {
  'audit/list': endpoint({
    summary: 'The organization’s audit events in order (paged by sequence number).',
    access: 'audit:read',
    request: z.strictObject({ afterSeq: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).default(100), action: z.string().max(100).optional() }),
    response: z.object({ events: z.array(auditEventSchema), hasMore: z.boolean() }),
  }),
  'audit/verify': endpoint({
    summary: 'Recomputes the hash chain and checks it against the signed checkpoints; names the first broken event.',
    access: 'audit:read',
    request: empty,
    response: auditVerdictSchema,
  }),
  'audit/checkpoint': endpoint({
    summary: 'Signs the current head of the audit chain now (also done periodically).',
    access: 'audit:read',
    request: empty,
    response: z.object({ seq: z.number(), hash: z.string(), at: z.string() }).nullable(),
  }),
  'audit/export': endpoint({
    summary: 'The whole audit trail as CSV or JSON for compliance (the export itself is audited).',
    access: 'audit:read',
    request: z.strictObject({ format: z.enum(['csv', 'json']) }),
    response: z.object({ format: z.enum(['csv', 'json']), filename: z.string(), content: z.string(), count: z.number() }),
  }),
  'policies/get': endpoint({
    summary: 'Masking styles, row-level policies and per-person policy attributes of the organization.',
    access: 'org:manage',
    request: empty,
    response: securityPolicySchema,
  }),
  'policies/set': endpoint({
    summary: 'Replaces the organization’s masking styles, row-level policies and per-person attributes.',
    access: 'org:manage',
    request: securityPolicySchema,
    response: securityPolicySchema,
  }),
  'policies/preview': endpoint({
    summary: 'Runs a table preview or a SELECT as a chosen role or person, with the saved masking and row policies applied exactly as their own queries would be; a few rows only.',
    access: 'org:manage',
    request: z.strictObject({
      sourceId: id,
      /** Preview as this role (people of the role with no personal attributes); or give `userId`. */
      role: z.enum(ROLES).optional(),
      /** Preview as this person: their role, projects and policy attributes. */
      userId: id.optional(),
      table: z.string().trim().min(1).max(255).optional(),
      sql: z.string().trim().min(1).max(100_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
      .refine((r) => (r.role === undefined) !== (r.userId === undefined), { message: 'Choose either a role or a person (userId) to preview as, not both', path: ['role'] })
      .refine((r) => (r.table === undefined) !== (r.sql === undefined), { message: 'Give either a table to preview or a SELECT statement, not both', path: ['table'] }),
    response: queryResultSchema.extend({
      viewedAs: z.object({ role: z.enum(ROLES), userId: z.string().nullable(), name: z.string().nullable() }),
    }),
  }),
  'sso/status': endpoint({
    summary: 'Whether single sign-on (OpenID Connect) is configured, for the sign-in page.',
    access: 'public',
    request: empty,
    response: z.object({ enabled: z.boolean(), loginPath: z.string().nullable() }),
  }),
  'sso/start': endpoint({
    summary: 'Starts single sign-on: the identity provider URL to send the browser to (authorization code + PKCE).',
    access: 'public',
    request: empty,
    response: z.object({ authorizationUrl: z.string() }),
  }),
  'sso/complete': endpoint({
    summary: 'Finishes single sign-on with the code and state the identity provider returned; opens a session.',
    access: 'public',
    request: z.strictObject({ code: z.string().min(1).max(2048), state: z.string().min(1).max(256) }),
    response: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }),
  }),
};
