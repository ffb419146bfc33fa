import { z } from 'zod';
import { ROLES } from '../../types/auth';
import { FEATURE_FLAG_KEYS, USAGE_LIMIT_KEYS, type FeatureFlag, type UsageLimit } from '../../types/tenant';
import { empty, endpoint, id, ok } from '../endpoint';

const name = z.string().trim().min(1, 'Give it a name').max(120);
const colour = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1f6feb');

export const organizationSummarySchema = z.object({
  id, name: z.string(), slug: z.string(), status: z.enum(['active', 'suspended']), createdAt: z.string(),
  people: z.number(), projects: z.number(),
});

const flagsSchema = z.object(Object.fromEntries(FEATURE_FLAG_KEYS.map((flag) => [flag, z.boolean()])) as Record<FeatureFlag, z.ZodBoolean>);
const limitsSchema = z.object(Object.fromEntries(USAGE_LIMIT_KEYS.map((limit) => [limit, z.number().int().min(0).max(1_000_000_000).nullable()])) as Record<UsageLimit, z.ZodNullable<z.ZodNumber>>);
export const brandingSchema = z.strictObject({ primary: colour, accent: colour });

const planBound = z.number().int('Use a whole number').min(1, 'Use at least 1').max(1e15).nullable();
/** PostgreSQL planner estimates above which this organization's queries are refused before they
 *  run (null: the server's limit). They only tighten the server-wide AISER_PG_MAX_* limits. */
export const queryCostSchema = z.strictObject({ maxPlanCost: planBound, maxStepRows: planBound });

export const orgSettingsSchema = z.object({
  name: z.string(), flags: flagsSchema, limits: limitsSchema, branding: brandingSchema,
  /** Days metric records are kept (housekeeping). */
  metricRetentionDays: z.number().int().min(1).max(3650),
  queryCost: queryCostSchema,
});
export type OrgSettingsView = z.infer<typeof orgSettingsSchema>;

export const usageLineSchema = z.object({
  limit: z.enum(USAGE_LIMIT_KEYS as [UsageLimit, ...UsageLimit[]]), label: z.string(), unit: z.string(), period: z.string(),
  used: z.number(), max: z.number().nullable(), resetsAt: z.string().nullable(),
});

export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export const projectViewSchema = z.object({
  id, name: z.string(), createdAt: z.string(),
  members: z.array(z.object({ userId: id, name: z.string(), email: z.string(), orgRole: z.enum(ROLES), projectRole: z.enum(PROJECT_ROLES) })),
  /** The sources this project may use, chosen by an administrator (any of the organization's);
   *  null: its own sources and the organization-wide ones. */
  sourceIds: z.array(id).nullable(),
  /** Sources that belong to this project only. */
  ownSourceIds: z.array(id),
});
export type ProjectView = z.infer<typeof projectViewSchema>;

export const organizationsApi = {
  'orgs/list': endpoint({ summary: 'Every organization on this server (platform administrators).', access: 'org:manage', request: empty, response: z.array(organizationSummarySchema) }),
  'orgs/create': endpoint({
    summary: 'Creates an organization with its first administrator (platform administrators).',
    access: 'org:manage',
    request: z.strictObject({ name, adminEmail: z.string().trim().toLowerCase().email('Enter an e-mail address like name@company.com'), adminName: name, adminPassword: z.string().min(10, 'Use at least 10 characters').max(256) }),
    response: organizationSummarySchema,
  }),
  'orgs/rename': endpoint({ summary: 'Renames an organization (platform administrators).', access: 'org:manage', request: z.strictObject({ id, name }), response: organizationSummarySchema }),
  'orgs/setStatus': endpoint({ summary: 'Suspends or reactivates an organization (platform administrators).', access: 'org:manage', request: z.strictObject({ id, status: z.enum(['active', 'suspended']) }), response: organizationSummarySchema }),
  'orgs/delete': endpoint({
    summary: 'Deletes an organization with every row and file it owns; type its name to confirm (platform administrators).',
    access: 'org:manage',
    request: z.strictObject({ id, confirmName: z.string().max(200) }),
    response: z.object({ ok: z.literal(true), removedFiles: z.number() }),
  }),
  'org/settings': endpoint({ summary: 'Your organization’s feature flags, usage limits and branding.', access: 'org:manage', request: empty, response: orgSettingsSchema }),
  'org/updateSettings': endpoint({
    summary: 'Changes feature flags, usage limits (null: no limit), branding, retention or the query cost limits (null: the server’s).',
    access: 'org:manage',
    request: z.strictObject({ name: name.optional(), flags: flagsSchema.partial().strict().optional(), limits: limitsSchema.partial().strict().optional(), branding: brandingSchema.optional(), metricRetentionDays: z.number().int().min(1).max(3650).optional(), queryCost: queryCostSchema.partial().strict().optional() }),
    response: orgSettingsSchema,
  }),
  'org/usage': endpoint({ summary: 'Consumption against each usage limit (from recorded metrics).', access: 'org:manage', request: empty, response: z.array(usageLineSchema) }),
  'projects/list': endpoint({ summary: 'Projects of the organization with members and sources.', access: 'users:manage', request: empty, response: z.array(projectViewSchema) }),
  'projects/create': endpoint({ summary: 'Creates a project.', access: 'users:manage', request: z.strictObject({ name }), response: projectViewSchema }),
  'projects/rename': endpoint({ summary: 'Renames a project.', access: 'users:manage', request: z.strictObject({ id, name }), response: projectViewSchema }),
  'projects/remove': endpoint({ summary: 'Deletes a project with its dashboards, conversations and project sources.', access: 'users:manage', request: z.strictObject({ id }), response: ok }),
  'projects/setMember': endpoint({
    summary: 'Adds a person to a project with a project role, changes it, or removes them (role null).',
    access: 'users:manage',
    request: z.strictObject({ projectId: id, userId: id, role: z.enum(PROJECT_ROLES).nullable() }),
    response: projectViewSchema,
  }),
  'projects/setSources': endpoint({
    summary: 'Chooses exactly which of the organization’s data sources a project may use (null: its own and the organization-wide ones).',
    access: 'users:manage',
    request: z.strictObject({ projectId: id, sourceIds: z.array(id).max(500).nullable() }),
    response: projectViewSchema,
  }),
};
