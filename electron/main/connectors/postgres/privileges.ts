export const PRIVILEGES_SQL = `
SELECT r.rolsuper AS superuser,
       pg_has_role(current_user, 'pg_write_server_files', 'MEMBER') AS write_files,
       pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') AS run_programs
FROM pg_roles r WHERE r.rolname = current_user`;

export interface PrivilegeRow { superuser: boolean; write_files: boolean; run_programs: boolean }

const ADVICE = 'Connect with a role that can only SELECT (e.g. a member of pg_read_all_data).';

/** Read-only transactions do not stop file writes by privileged roles (COPY … TO, lo_export). */
export function postgresPrivilegeWarnings(row: PrivilegeRow | undefined): string[] {
  if (!row) return [];
  if (row.superuser) return [`This PostgreSQL user is a superuser: it could write files on the server despite read-only sessions. ${ADVICE}`];
  const warnings: string[] = [];
  if (row.write_files) warnings.push(`This PostgreSQL user may write files on the server (pg_write_server_files). ${ADVICE}`);
  if (row.run_programs) warnings.push(`This PostgreSQL user may run programs on the server (pg_execute_server_program). ${ADVICE}`);
  return warnings;
}
