#!/usr/bin/env bash
# Installs and starts the servers the tests need: PostgreSQL, MariaDB, Chromium (+ poppler for
# looking at reports, LibreOffice Impress for converting PowerPoint reports). Idempotent: safe to run on a machine where they already run.
# Exports nothing; tests read AISER_TEST_PG_URL / AISER_TEST_MYSQL_URL (defaults below).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# Impress itself (libsdlo), not only the soffice launcher: it converts .pptx reports to PDF.
{ command -v soffice >/dev/null 2>&1 && [ -e /usr/lib/libreoffice/program/libsdlo.so ]; } || need+=(libreoffice-impress)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
fi

# PostgreSQL: user aiser / password aiser, databases aiser_test (store), aiser_src (sources) and aiser_src_e2e (browser tests, which run beside the integration suite).
PGVER=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q . || pg_createcluster "$PGVER" main >/dev/null
  pg_ctlcluster "$PGVER" main start
fi
for i in $(seq 1 30); do su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='aiser'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"create role aiser login superuser password 'aiser'\""
for db in aiser_test aiser_src aiser_src_e2e; do
  su postgres -c "psql -qtAc \"select 1 from pg_database where datname='$db'\"" | grep -q 1 \
    || su postgres -c "createdb -O aiser $db"
done

# MariaDB: user aiser / password aiser with all privileges on aiser_src.
if ! mysqladmin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  (mysqld_safe >/tmp/mariadb.log 2>&1 &)
  for i in $(seq 1 60); do mysqladmin ping >/dev/null 2>&1 && break; sleep 1; done
fi
mysql -uroot -e "CREATE DATABASE IF NOT EXISTS aiser_src; CREATE DATABASE IF NOT EXISTS aiser_src_e2e; CREATE USER IF NOT EXISTS 'aiser'@'localhost' IDENTIFIED BY 'aiser'; CREATE USER IF NOT EXISTS 'aiser'@'127.0.0.1' IDENTIFIED BY 'aiser'; GRANT ALL ON *.* TO 'aiser'@'localhost' WITH GRANT OPTION; GRANT ALL ON *.* TO 'aiser'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;"
command -v soffice >/dev/null 2>&1 || { echo "LibreOffice Impress (soffice) is missing after install" >&2; exit 1; }
echo "services ready: postgres $PGVER, mariadb $(mysql -uroot -NBe 'select version()'), $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?')"
