import { MYSQL_FLAVOURS, type MysqlFlavour } from '../dialects';

const ADVICE = 'Connect with a user that only has SELECT on this database.';

/**
 * `SELECT … INTO OUTFILE` writes server files even inside a READ ONLY transaction; it needs the
 * FILE privilege (part of ALL PRIVILEGES ON *.*) and a server whose secure_file_priv allows it.
 */
export function mysqlPrivilegeWarnings(grants: string[], secureFilePriv: string | null, flavour: MysqlFlavour): string[] {
  const unrestricted = secureFilePriv === '' || (secureFilePriv === null && MYSQL_FLAVOURS[flavour].fileExportWhenSecureFilePrivNull === 'unrestricted');
  if (secureFilePriv === null && !unrestricted) return []; // the server has file export disabled altogether
  const canWriteFiles = grants.some((grant) => /\bGRANT\b.*\b(ALL PRIVILEGES|FILE)\b.*\bON \*\.\*/i.test(grant));
  if (!canWriteFiles) return [];
  const where = unrestricted ? 'anywhere the server process may write' : `in ${secureFilePriv}`;
  return [`This MySQL/MariaDB user has the FILE privilege and could write files ${where} despite read-only sessions. ${ADVICE}`];
}
