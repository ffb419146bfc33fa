import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdbApi } from './driver';
import { literal } from './files';

export interface SandboxLimits {
  memoryLimit: string;
  threads: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { memoryLimit: '1GB', threads: 2 };

/**
 * An in-memory DuckDB whose configuration is locked after `setup` has created the source's
 * views/tables: no extension install/autoload, file access limited to `allowedPaths` (the
 * source's own files) and then external access off, bounded memory and threads.
 */
export async function openSandboxedDuckdb(
  allowedPaths: string[],
  setup: (connection: DuckDBConnection) => Promise<void>,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<DuckDBInstance> {
  const instance = await duckdbApi().DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    memory_limit: limits.memoryLimit,
    threads: String(limits.threads),
  });
  const connection = await instance.connect();
  try {
    if (allowedPaths.length > 0) await connection.run(`SET allowed_paths = [${allowedPaths.map(literal).join(', ')}]`);
    await setup(connection);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  connection.closeSync();
  return instance;
}
