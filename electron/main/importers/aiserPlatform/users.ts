import type { Role } from '../../../../shared/types/auth';
import type { ImportRun } from './run';
import { keyOf, textOf, type PlatformRow } from './schema';

/** Platform role names → this app's roles. Unknown roles get the least privilege. */
const ROLE_MAP: Record<string, Role> = {
  admin: 'admin', owner: 'admin', super_admin: 'admin', superadmin: 'admin', org_admin: 'admin',
  analyst: 'analyst', editor: 'analyst', developer: 'analyst', member: 'analyst', user: 'analyst', data_analyst: 'analyst',
  executive: 'executive', manager: 'executive', exec: 'executive',
  viewer: 'viewer', guest: 'viewer', readonly: 'viewer', read_only: 'viewer',
};

/** Only hashes this app can verify are kept (its own scrypt format); any other kind (bcrypt,
 *  argon2, …) cannot be checked here, so those people reset their password or use SSO. */
const COMPATIBLE_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/;

export async function importUsers(run: ImportRun, rows: PlatformRow[]): Promise<void> {
  run.read('users', rows.length);
  const seen = new Set<string>();
  let withoutPassword = 0;
  let unknownRoles = 0;
  for (const row of rows) {
    const key = keyOf(row.id);
    const email = textOf(row.email)?.toLowerCase() ?? null;
    const name = displayName(row, email);
    if (run.alreadyImported('users', key)) continue;
    const orgId = run.targetOf('organizations', textOf(row.organization_id));
    if (!email) {
      run.skip('users', row, name, 'The user has no e-mail address; people sign in with their e-mail here.');
      continue;
    }
    if (!orgId) {
      run.skip('users', row, email, row.organization_id == null ? 'The user belongs to no organization.' : `Their organization (${String(row.organization_id)}) was not imported.`);
      continue;
    }
    if (seen.has(`${orgId}/${email}`)) {
      run.skip('users', row, email, 'Another user of the same organization has this e-mail address; only the first was imported.');
      continue;
    }
    seen.add(`${orgId}/${email}`);
    const platformRole = textOf(row.role)?.toLowerCase() ?? 'viewer';
    const role = ROLE_MAP[platformRole] ?? 'viewer';
    if (!ROLE_MAP[platformRole]) unknownRoles += 1;
    const hash = textOf(row.hashed_password);
    const passwordHash = hash && COMPATIBLE_HASH.test(hash) ? hash : null;
    const id = await run.create('users', key, email, orgId, () =>
      run.store.users.create(run.contextFor(orgId), {
        email, name: name ?? email, role, passwordHash, status: row.is_active === false ? 'disabled' : 'active',
      }),
    );
    if (id && !passwordHash) withoutPassword += 1;
  }
  if (withoutPassword > 0) {
    run.note(`${withoutPassword} imported user(s) have no password here (the platform's password hashes cannot be verified by this app): they must reset their password or sign in with SSO.`);
  }
  if (unknownRoles > 0) run.note(`${unknownRoles} user(s) had a role this app does not know; they were imported as viewers.`);
}

function displayName(row: PlatformRow, email: string | null): string | null {
  const full = [textOf(row.first_name), textOf(row.last_name)].filter(Boolean).join(' ');
  return full || textOf(row.username) || email?.split('@')[0] || null;
}

export function noteSessions(run: ImportRun, rows: PlatformRow[]): void {
  run.read('user_sessions', rows.length);
  run.report.counts.user_sessions.skipped += rows.length;
  if (rows.length > 0) run.note(`${rows.length} platform sign-in session(s) were not imported: everyone signs in again here.`);
}
