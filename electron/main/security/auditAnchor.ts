import fs from 'node:fs';
import path from 'node:path';
import type { AuditSigner } from './auditSigningKey';

/** Per organization: how many events the trail had and the head hash, after every append. */
export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';

export interface AuditAnchor {
  seq: number;
  hash: string;
  /** The first event this anchor followed (1 unless the trail predates anchors or the record was lost). */
  since: number;
  at: string;
  signature: string;
}

export class AnchorFileError extends Error {
  override name = 'AnchorFileError';
}

/**
 * The event count and head hash of each organization's audit trail, kept outside the events
 * table and rewritten (signed) after every appended event. Verification requires it: deleting
 * the newest events, or rewriting the whole chain with recomputed hashes, no longer matches it.
 */
export class AuditAnchorFile {
  readonly file: string;

  constructor(dataDir: string, private readonly signer: AuditSigner) {
    this.file = path.join(dataDir, AUDIT_ANCHOR_FILE);
  }

  /** Moves the organization's anchor to a newer head (never back: another process may be ahead). */
  advance(orgId: string, head: { seq: number; hash: string }): void {
    const all = this.readAll();
    const current = all[orgId];
    if (current && current.seq >= head.seq) return;
    const unsigned = { seq: head.seq, hash: head.hash, since: current?.since ?? head.seq, at: new Date().toISOString() };
    all[orgId] = { ...unsigned, signature: this.signer.sign(anchorText(orgId, unsigned)) };
    this.writeAll(all);
  }

  /** The organization's anchor, or null when it has none; throws AnchorFileError when it was altered. */
  read(orgId: string): AuditAnchor | null {
    const anchor = this.readAll()[orgId];
    if (!anchor) return null;
    const { signature, ...unsigned } = anchor;
    if (typeof signature !== 'string' || !this.signer.matches(anchorText(orgId, unsigned), signature)) {
      throw new AnchorFileError(`The audit anchor of this organization in ${AUDIT_ANCHOR_FILE} has an invalid signature (the file was edited, or signed with another key).`);
    }
    return anchor;
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  removeOrganization(orgId: string): void {
    const all = this.readAll();
    if (!(orgId in all)) return;
    delete all[orgId];
    this.writeAll(all);
  }

  private readAll(): Record<string, AuditAnchor> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, AuditAnchor>;
    } catch {
      // reported below
    }
    throw new AnchorFileError(`${AUDIT_ANCHOR_FILE} in the data folder is not valid (the file was edited or truncated).`);
  }

  private writeAll(all: Record<string, AuditAnchor>): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(all)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}

function anchorText(orgId: string, fields: Omit<AuditAnchor, 'signature'>): string {
  return `anchor|${orgId}|${fields.seq}|${fields.hash}|${fields.since}|${fields.at}`;
}
