import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A signed statement "organization X's audit chain had head (seq, hash) at time T". */
export interface AuditCheckpoint {
  orgId: string;
  seq: number;
  hash: string;
  at: string;
  /** HMAC-SHA256 over the fields above, hex. */
  signature: string;
}

export const CHECKPOINT_KEY_FILE = 'audit-checkpoint.key';
export const CHECKPOINT_LOG_FILE = 'audit-checkpoints.jsonl';

export class CheckpointFileError extends Error {
  override name = 'CheckpointFileError';
}

/**
 * Signed checkpoints over audit chain heads, kept outside the store (data folder, key file 0600)
 * so someone who can rewrite the store's rows — including truncating the newest events and
 * re-hashing the chain — cannot also forge what the chain looked like earlier.
 */
export class AuditCheckpointLog {
  private readonly keyPath: string;
  private readonly logPath: string;
  private key: Buffer | null = null;

  constructor(dataDir: string) {
    this.keyPath = path.join(dataDir, CHECKPOINT_KEY_FILE);
    this.logPath = path.join(dataDir, CHECKPOINT_LOG_FILE);
  }

  /** Appends a signed checkpoint for the given head. */
  append(orgId: string, head: { seq: number; hash: string }, at = new Date()): AuditCheckpoint {
    const unsigned = { orgId, seq: head.seq, hash: head.hash, at: at.toISOString() };
    const checkpoint = { ...unsigned, signature: this.sign(unsigned) };
    fs.appendFileSync(this.logPath, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
    return checkpoint;
  }

  /** The organization's checkpoints in order; throws CheckpointFileError when a line was altered. */
  read(orgId: string): AuditCheckpoint[] {
    if (!fs.existsSync(this.logPath)) return [];
    const lines = fs.readFileSync(this.logPath, 'utf8').split('\n').filter((line) => line.trim());
    const checkpoints: AuditCheckpoint[] = [];
    for (const [index, line] of lines.entries()) {
      const checkpoint = parseCheckpoint(line, index + 1);
      if (checkpoint.orgId !== orgId) continue;
      const { signature, ...unsigned } = checkpoint;
      if (!this.signatureMatches(unsigned, signature)) {
        throw new CheckpointFileError(`Audit checkpoint on line ${index + 1} of ${CHECKPOINT_LOG_FILE} has an invalid signature (the file was edited).`);
      }
      checkpoints.push(checkpoint);
    }
    return checkpoints;
  }

  /** Drops a deleted organization's checkpoints (each line is signed on its own, so the others stay valid). */
  removeOrganization(orgId: string): void {
    if (!fs.existsSync(this.logPath)) return;
    const kept = fs.readFileSync(this.logPath, 'utf8').split('\n').filter((line) => {
      if (!line.trim()) return false;
      try {
        return (JSON.parse(line) as { orgId?: unknown }).orgId !== orgId;
      } catch {
        return true;
      }
    });
    const temporary = `${this.logPath}.tmp`;
    fs.writeFileSync(temporary, kept.map((line) => `${line}\n`).join(''), { mode: 0o600 });
    fs.renameSync(temporary, this.logPath);
  }

  latest(orgId: string): AuditCheckpoint | null {
    return this.read(orgId).at(-1) ?? null;
  }

  private sign(fields: Omit<AuditCheckpoint, 'signature'>): string {
    return crypto.createHmac('sha256', this.signingKey()).update(`${fields.orgId}|${fields.seq}|${fields.hash}|${fields.at}`).digest('hex');
  }

  private signatureMatches(fields: Omit<AuditCheckpoint, 'signature'>, signature: string): boolean {
    const expected = Buffer.from(this.sign(fields), 'hex');
    const actual = Buffer.from(signature, 'hex');
    return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  }

  private signingKey(): Buffer {
    if (this.key) return this.key;
    try {
      this.key = Buffer.from(fs.readFileSync(this.keyPath, 'utf8').trim(), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const fresh = crypto.randomBytes(32);
      fs.writeFileSync(this.keyPath, fresh.toString('base64'), { mode: 0o600, flag: 'wx' });
      this.key = fresh;
    }
    if (this.key.length < 32) throw new CheckpointFileError(`${CHECKPOINT_KEY_FILE} in the data folder is damaged; restore it from backup.`);
    return this.key;
  }
}

function parseCheckpoint(line: string, lineNumber: number): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CheckpointFileError(`Line ${lineNumber} of ${CHECKPOINT_LOG_FILE} is not valid JSON (the file was edited or truncated).`);
  }
  const c = value as Partial<AuditCheckpoint> | null;
  if (!c || typeof c.orgId !== 'string' || !Number.isInteger(c.seq) || typeof c.hash !== 'string' || typeof c.at !== 'string' || typeof c.signature !== 'string') {
    throw new CheckpointFileError(`Line ${lineNumber} of ${CHECKPOINT_LOG_FILE} is not a checkpoint (the file was edited).`);
  }
  return c as AuditCheckpoint;
}
