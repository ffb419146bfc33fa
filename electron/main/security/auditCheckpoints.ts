import fs from 'node:fs';
import path from 'node:path';
import type { AuditSigner } from './auditSigningKey';

/** A signed statement "organization X's audit chain had head (seq, hash) at time T". */
export interface AuditCheckpoint {
  orgId: string;
  seq: number;
  hash: string;
  at: string;
  /** HMAC-SHA256 over the fields above, hex. */
  signature: string;
}

export const CHECKPOINT_LOG_FILE = 'audit-checkpoints.jsonl';

export class CheckpointFileError extends Error {
  override name = 'CheckpointFileError';
}

/** Where else a checkpoint goes when it is signed (an external witness). */
export type CheckpointSink = (checkpoint: AuditCheckpoint, line: string) => void;

/**
 * Signed checkpoints over audit chain heads, kept outside the store in the data folder. The
 * signing key lives in the secret store, so someone who can rewrite the store's rows — including
 * truncating the newest events and re-hashing the chain — cannot also forge what it looked like.
 */
export class AuditCheckpointLog {
  private readonly logPath: string;

  constructor(dataDir: string, private readonly signer: AuditSigner, private readonly sinks: CheckpointSink[] = []) {
    this.logPath = path.join(dataDir, CHECKPOINT_LOG_FILE);
  }

  /** Appends a signed checkpoint for the given head, and hands it to every witness. */
  append(orgId: string, head: { seq: number; hash: string }, at = new Date()): AuditCheckpoint {
    const unsigned = { orgId, seq: head.seq, hash: head.hash, at: at.toISOString() };
    const checkpoint = { ...unsigned, signature: this.signer.sign(checkpointText(unsigned)) };
    const line = JSON.stringify(checkpoint);
    fs.appendFileSync(this.logPath, `${line}\n`, { mode: 0o600 });
    for (const sink of this.sinks) sink(checkpoint, line);
    return checkpoint;
  }

  /** The organization's checkpoints in order; throws CheckpointFileError when a line was altered. */
  read(orgId: string): AuditCheckpoint[] {
    return readCheckpointFile(this.logPath, orgId, this.signer);
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
}

/** Reads and checks the signed checkpoints of one organization from a checkpoint file (the local log or a witness). */
export function readCheckpointFile(file: string, orgId: string, signer: AuditSigner): AuditCheckpoint[] {
  if (!fs.existsSync(file)) return [];
  const name = path.basename(file);
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim());
  const checkpoints: AuditCheckpoint[] = [];
  for (const [index, line] of lines.entries()) {
    const checkpoint = parseCheckpoint(line, index + 1, name);
    if (checkpoint.orgId !== orgId) continue;
    const { signature, ...unsigned } = checkpoint;
    if (!signer.matches(checkpointText(unsigned), signature)) {
      throw new CheckpointFileError(`Audit checkpoint on line ${index + 1} of ${name} has an invalid signature (the file was edited, or signed with another key).`);
    }
    checkpoints.push(checkpoint);
  }
  return checkpoints;
}

function checkpointText(fields: Omit<AuditCheckpoint, 'signature'>): string {
  return `${fields.orgId}|${fields.seq}|${fields.hash}|${fields.at}`;
}

function parseCheckpoint(line: string, lineNumber: number, name: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CheckpointFileError(`Line ${lineNumber} of ${name} is not valid JSON (the file was edited or truncated).`);
  }
  const c = value as Partial<AuditCheckpoint> | null;
  if (!c || typeof c.orgId !== 'string' || !Number.isInteger(c.seq) || typeof c.hash !== 'string' || typeof c.at !== 'string' || typeof c.signature !== 'string') {
    throw new CheckpointFileError(`Line ${lineNumber} of ${name} is not a checkpoint (the file was edited).`);
  }
  return c as AuditCheckpoint;
}
