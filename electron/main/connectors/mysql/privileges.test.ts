import { describe, expect, it } from 'vitest';
import { mysqlPrivilegeWarnings } from './privileges';

const ALL = ['GRANT ALL PRIVILEGES ON *.* TO `app`@`%`'];
const SELECT_ONLY = ['GRANT USAGE ON *.* TO `app`@`%`', 'GRANT SELECT ON `shop`.* TO `app`@`%`'];

describe('mysqlPrivilegeWarnings', () => {
  it('warns about FILE/ALL on *.* unless the server disables file export', () => {
    expect(mysqlPrivilegeWarnings(ALL, '', 'mysql')[0]).toMatch(/anywhere/);
    expect(mysqlPrivilegeWarnings(['GRANT SELECT, FILE ON *.* TO `app`@`%`'], '/var/lib/mysql-files/', 'mysql')[0]).toMatch(/mysql-files/);
    expect(mysqlPrivilegeWarnings(ALL, null, 'mysql')).toEqual([]);
    expect(mysqlPrivilegeWarnings(SELECT_ONLY, '', 'mysql')).toEqual([]);
  });

  it('treats a NULL secure_file_priv as unrestricted on MariaDB', () => {
    expect(mysqlPrivilegeWarnings(ALL, null, 'mariadb')[0]).toMatch(/anywhere/);
  });
});
