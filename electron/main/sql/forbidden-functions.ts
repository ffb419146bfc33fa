import type { Dialect } from '../../../shared/types/schema';

/**
 * Functions that read/write files, reach the network, run other SQL, sleep, change settings,
 * or reveal server internals. Names are lower-case; prefixes cover whole families.
 * Applied to every dialect's own list plus the common list (a name that does not exist on a
 * server is harmless to refuse, and DuckDB shares PostgreSQL's grammar).
 */
interface FunctionDenyList {
  names: readonly string[];
  prefixes: readonly string[];
}

const COMMON: FunctionDenyList = {
  names: [
    'sleep', 'pg_sleep', 'benchmark', 'load_file', 'load_extension', 'readfile', 'writefile', 'edit', 'getenv',
    'system', 'sys_exec', 'sys_eval', 'shell', 'exec', 'xp_cmdshell', 'current_setting', 'set_config', 'version',
    'user', 'current_user', 'session_user', 'system_user', 'current_role', 'database', 'schema', 'connection_id',
    'http_get', 'http_post', 'http_head', 'http_put', 'http_delete', 'http_request', 'query', 'query_table',
  ],
  prefixes: ['pg_', 'lo_', 'dblink', 'http_', 'read_', 'sys_', 'xp_', 'duckdb_', 'pragma_', 'sqlite_'],
};

const BY_DIALECT: Readonly<Record<Dialect, FunctionDenyList>> = {
  postgres: {
    names: [
      'query_to_xml', 'query_to_xml_and_xmlschema', 'query_to_xmlschema', 'cursor_to_xml', 'cursor_to_xmlschema',
      'table_to_xml', 'table_to_xml_and_xmlschema', 'table_to_xmlschema', 'schema_to_xml', 'schema_to_xmlschema',
      'schema_to_xml_and_xmlschema', 'database_to_xml', 'database_to_xmlschema', 'database_to_xml_and_xmlschema',
      'ts_stat', 'ts_rewrite', 'loread', 'lowrite', 'nextval', 'setval', 'currval', 'lastval', 'txid_current',
      'inet_server_addr', 'inet_server_port', 'inet_client_addr', 'inet_client_port', 'has_table_privilege',
      'has_database_privilege', 'has_schema_privilege', 'has_column_privilege', 'has_function_privilege',
      'to_regclass', 'to_regproc', 'to_regprocedure', 'to_regrole', 'to_regnamespace', 'to_regtype', 'obj_description',
      'col_description', 'shobj_description', 'format_type', 'row_security_active', 'brin_summarize_new_values',
      'brin_summarize_range', 'brin_desummarize_range', 'gin_clean_pending_list', 'make_aclitem', 'acldefault',
      'aclexplode', 'dblink_exec', 'copy', 'xpath_table', 'crosstab',
    ],
    prefixes: ['txid_', 'gin_', 'brin_', 'binary_upgrade_'],
  },
  mysql: {
    names: [
      'get_lock', 'release_lock', 'release_all_locks', 'is_free_lock', 'is_used_lock', 'master_pos_wait',
      'source_pos_wait', 'wait_for_executed_gtid_set', 'wait_until_sql_thread_after_gtids', 'last_insert_id',
      'row_count', 'found_rows', 'uuid_short', 'extractvalue', 'updatexml', 'name_const', 'geometrycollection',
      'multipoint', 'polygon', 'linestring', 'multilinestring', 'multipolygon', 'current_user', 'user',
      'password', 'old_password', 'encode', 'decode', 'des_encrypt', 'des_decrypt', 'column_get', 'column_create',
      'column_json', 'lastval', 'nextval', 'setval',
    ],
    prefixes: ['gtid_', 'ps_', 'format_pico', 'sys_'],
  },
  sqlite: {
    names: [
      'fts3_tokenizer', 'zipfile', 'zipfile_cds', 'sqlar_compress', 'sqlar_uncompress', 'fsdir', 'lsmode', 'readfile',
      'writefile', 'edit', 'load_extension', 'sqlite_offset', 'sqlite_compileoption_get', 'sqlite_compileoption_used',
      'sqlite_source_id', 'sqlite_version', 'sqlite_dbpage', 'sqlite_stmt', 'dbstat', 'randomblob', 'zeroblob',
      'unlikely_sleep', 'fts5', 'sql_fts5_tokenizer',
    ],
    prefixes: ['sqlite_', 'fts3_', 'fts5_', 'zipfile'],
  },
  duckdb: {
    names: [
      'glob', 'sniff_csv', 'read_text', 'read_blob', 'read_csv', 'read_csv_auto', 'read_parquet', 'read_json',
      'read_json_auto', 'read_json_objects', 'read_ndjson', 'read_ndjson_auto', 'read_ndjson_objects', 'read_xlsx',
      'parquet_scan', 'parquet_metadata', 'parquet_schema', 'parquet_file_metadata', 'parquet_kv_metadata',
      'parquet_bloom_probe', 'csv_scan', 'json_execute_serialized_sql', 'json_serialize_sql', 'json_deserialize_sql',
      'json_serialize_plan', 'sqlite_scan', 'sqlite_attach', 'sqlite_query', 'postgres_scan', 'postgres_scan_pushdown',
      'postgres_query', 'postgres_execute', 'postgres_attach', 'mysql_query', 'mysql_execute', 'iceberg_scan',
      'iceberg_metadata', 'iceberg_snapshots', 'delta_scan', 'which_secret', 'checkpoint', 'force_checkpoint',
      'enable_profiling', 'disable_profiling', 'current_setting', 'set_variable', 'getvariable', 'load_aws_credentials',
      'test_all_types', 'test_vector_types', 'from_csv_auto', 'from_json', 'st_read', 'st_read_meta', 'arrow_scan',
      'excel_scan', 'gsheets_read', 'httpfs', 'pg_sleep', 'summary', 'icu_calendar_names', 'current_database',
      'current_schema', 'current_schemas', 'current_catalog', 'database_list', 'database_size', 'sql_auto_complete',
      'query', 'query_table', 'unnest_json', 'ducklake_snapshots', 'install', 'load', 'export_database',
    ],
    prefixes: [
      'read_', 'parquet_', 'sniff_', 'iceberg_', 'delta_', 'postgres_', 'mysql_', 'sqlite_', 'duckdb_', 'pragma_',
      'ducklake_', 'st_read', 'arrow_', 'json_execute', 'http', 's3_', 'gcs_', 'azure_', 'glob', 'vortex_', 'ui_',
    ],
  },
};

/** DuckDB speaks PostgreSQL's dialect and ships many of its functions: it inherits that list too. */
const listsFor = (d: Dialect): FunctionDenyList[] => (d === 'duckdb' ? [COMMON, BY_DIALECT.postgres, BY_DIALECT.duckdb] : [COMMON, BY_DIALECT[d]]);
const NAMES: Readonly<Record<Dialect, ReadonlySet<string>>> = mapDialects((d) => new Set(listsFor(d).flatMap((l) => l.names)));
const PREFIXES: Readonly<Record<Dialect, readonly string[]>> = mapDialects((d) => listsFor(d).flatMap((l) => l.prefixes));

/** True when calling `name` (unqualified, any case) could escape the read-only sandbox. */
export function isForbiddenFunction(name: string, dialect: Dialect): boolean {
  const lower = name.toLowerCase();
  return NAMES[dialect].has(lower) || PREFIXES[dialect].some((prefix) => lower.startsWith(prefix));
}

/** Table-valued functions allowed in FROM: they generate values and touch no storage. */
const SAFE_TABLE_FUNCTIONS: Readonly<Record<Dialect, ReadonlySet<string>>> = {
  postgres: new Set(['generate_series', 'unnest']),
  duckdb: new Set(['generate_series', 'range', 'unnest']),
  mysql: new Set([]),
  sqlite: new Set(['json_each', 'json_tree', 'generate_series']),
};

export function isAllowedTableFunction(name: string, dialect: Dialect): boolean {
  return SAFE_TABLE_FUNCTIONS[dialect].has(name.toLowerCase());
}

function mapDialects<T>(build: (dialect: Dialect) => T): Record<Dialect, T> {
  return { postgres: build('postgres'), mysql: build('mysql'), sqlite: build('sqlite'), duckdb: build('duckdb') };
}
