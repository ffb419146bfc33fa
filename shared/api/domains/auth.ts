import { z } from 'zod';
import { EXPERTISE_LEVELS, ROLES } from '../../types/auth';
import { displayText, empty, endpoint, id, ok } from '../endpoint';

export const userSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  department: z.string().nullable(),
  expertise: z.enum(EXPERTISE_LEVELS),
  orgId: id,
  orgName: z.string(),
  /** The role's permissions minus those an organization feature flag turns off (exports off: no `export`). */
  permissions: z.array(z.string()),
  projects: z.array(z.object({ id, name: z.string() })),
});
export type UserView = z.infer<typeof userSchema>;

const email = z.string().trim().toLowerCase().email('Enter an e-mail address like name@company.com').max(254);
export const password = z.string().min(10, 'Use at least 10 characters').max(256);

export const authApi = {
  'setup/status': endpoint({
    summary: 'Whether this install still needs its first administrator.',
    access: 'public',
    request: empty,
    response: z.object({ needsSetup: z.boolean() }),
  }),
  'setup/complete': endpoint({
    summary: 'First run: creates the organization, its administrator and the Demo project. Only while no organization exists.',
    access: 'public',
    request: z.strictObject({ organizationName: displayText(120), name: displayText(120), email, password, expertise: z.enum(EXPERTISE_LEVELS).optional() }),
    response: z.object({ token: z.string(), user: userSchema }),
  }),
  'auth/signIn': endpoint({
    summary: 'Signs in with e-mail and password; returns a session token.',
    access: 'public',
    request: z.strictObject({ email, password: z.string().min(1).max(256) }),
    response: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }),
  }),
  'auth/signOut': endpoint({
    summary: 'Ends this session.',
    access: 'authenticated',
    request: empty,
    response: ok,
  }),
  'auth/me': endpoint({
    summary: 'The signed-in person, their organization, projects and permissions.',
    access: 'authenticated',
    request: empty,
    response: userSchema,
  }),
  'profile/update': endpoint({
    summary: 'Updates the signed-in person’s name, department, expertise level or preferences.',
    access: 'authenticated',
    request: z.strictObject({
      name: displayText(120).optional(),
      department: z.string().trim().max(120).nullable().optional(),
      expertise: z.enum(EXPERTISE_LEVELS).optional(),
      preferences: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
    response: userSchema,
  }),
};
