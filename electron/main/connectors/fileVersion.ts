import fs from 'node:fs/promises';

/**
 * Path, size, modification time (nanoseconds) and inode of each file, `-` for a missing one:
 * changes whenever a file is written, replaced or removed. Null when a file cannot be read.
 */
export async function fileVersions(paths: string[]): Promise<string | null> {
  try {
    const parts = await Promise.all(paths.map(async (file) => {
      const stat = await fs.stat(file, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      return stat ? `${file}:${stat.size}:${stat.mtimeNs}:${stat.ino}` : `${file}:-`;
    }));
    return parts.join('\n');
  } catch {
    return null;
  }
}
