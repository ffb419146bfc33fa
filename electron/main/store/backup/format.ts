import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A backup is gzip-compressed JSON lines: one header line, then `{ "t": table, "r": row }` per row. */
export const BACKUP_FORMAT = 'aiser-store-backup';
export const BACKUP_VERSION = 1;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  appVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** Migrations applied to the store when it was backed up, oldest first. */
  migrations: z.array(z.string()),
  tables: z.record(z.string(), z.number().int().min(0)),
  /** SHA-256 of the secret key that encrypted the stored secrets (never the key itself). */
  secretKeyFingerprint: z.string().nullable(),
  /** Only with `--include-secret-key`: the key, base64. Whoever holds the file can then read the secrets. */
  secretKey: z.string().optional(),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupRowSchema = z.object({ t: z.string().min(1), r: z.record(z.string(), z.unknown()) });

export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export class BackupError extends Error {
  override name = 'BackupError';
}
