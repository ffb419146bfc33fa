import { z } from 'zod';
import { EXPERTISE_LEVELS, ROLES } from '../../types/auth';
import { displayText, endpoint, id, ok } from '../endpoint';
import { password } from './auth';

export const memberSchema = z.object({
  id, email: z.string(), name: z.string(), role: z.enum(ROLES), department: z.string().nullable(),
  status: z.enum(['active', 'disabled', 'locked']), expertise: z.enum(EXPERTISE_LEVELS), projectIds: z.array(id), createdAt: z.string(),
});
export type MemberView = z.infer<typeof memberSchema>;

const email = z.string().trim().toLowerCase().email('Enter an e-mail address like name@company.com').max(254);

export const usersApi = {
  'users/list': endpoint({ summary: 'People in the organization.', access: 'users:manage', request: z.strictObject({}), response: z.array(memberSchema) }),
  'users/create': endpoint({
    summary: 'Adds a person with a role and a first password; they join the given projects.',
    access: 'users:manage',
    request: z.strictObject({
      email, name: displayText(120), role: z.enum(ROLES), password,
      department: z.string().trim().max(120).optional(), expertise: z.enum(EXPERTISE_LEVELS).optional(), projectIds: z.array(id).max(100).optional(),
    }),
    response: memberSchema,
  }),
  'users/update': endpoint({
    summary: 'Changes a person’s role, department or status (disable to block sign-in).',
    access: 'users:manage',
    request: z.strictObject({ id, role: z.enum(ROLES).optional(), department: z.string().trim().max(120).nullable().optional(), status: z.enum(['active', 'disabled']).optional(), name: displayText(120).optional() }),
    response: memberSchema,
  }),
  'users/resetPassword': endpoint({
    summary: 'Sets a new password, unlocks the account and signs the person out everywhere.',
    access: 'users:manage',
    request: z.strictObject({ id, password }),
    response: ok,
  }),
  'users/signOutEverywhere': endpoint({
    summary: 'Ends every session of a person (or of yourself when no id is given).',
    access: 'authenticated',
    request: z.strictObject({ id: id.optional() }),
    response: z.object({ revoked: z.number() }),
  }),
  'auth/changePassword': endpoint({
    summary: 'Changes your password; your other sessions end.',
    access: 'authenticated',
    request: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: password }),
    response: ok,
  }),
};
