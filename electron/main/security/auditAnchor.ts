import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
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

type Head = { seq: number; hash: string };

/**
 * The event count and head hash of each organization's audit trail, kept outside the events
 * table and rewritten (signed) after every committed batch of events. Verification requires it:
 * deleting the newest events, or rewriting the whole chain with recomputed hashes, no longer
 * matches it. Rewrites are asynchronous (the event loop never waits on the disk) and coalesced:
 * heads that arrive while a rewrite is in flight all go into the next one. Each rewrite is durable
 * (temporary file synced to disk, then renamed over the old one) before its callers resume.
 */
export class AuditAnchorFile {
  readonly file: string;
  /** Changes waiting for the next rewrite: a newer head, or null to remove the organization. */
  private readonly pending = new Map<string, Head | null>();
  private tail: Promise<void> = Promise.resolve();
  /** Rewrites of the file done (fewer than calls when they arrive together). */
  writes = 0;

  constructor(dataDir: string, private readonly signer: AuditSigner) {
    this.file = path.join(dataDir, AUDIT_ANCHOR_FILE);
  }

  /** Moves each organization's anchor to a newer head (never back: another process may be ahead);
   *  resolves once a rewrite holding these heads is on disk. */
  advance(heads: Iterable<[string, Head]>): Promise<void> {
    for (const [orgId, head] of heads) {
      const waiting = this.pending.get(orgId);
      if (!waiting || waiting.seq < head.seq) this.pending.set(orgId, head);
    }
    return this.rewrite();
  }

  removeOrganization(orgId: string): Promise<void> {
    this.pending.set(orgId, null);
    return this.rewrite();
  }

  private rewrite(): Promise<void> {
    const next = this.tail.catch(() => undefined).then(() => this.writePending());
    this.tail = next;
    return next;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return; // an earlier rewrite already carried these changes
    const changes = [...this.pending];
    this.pending.clear();
    const all = parseAnchors(await readFile(this.file, 'utf8').catch(missingAsEmpty));
    let changed = false;
    for (const [orgId, head] of changes) {
      const current = all[orgId];
      if (head === null) {
        changed ||= orgId in all;
        delete all[orgId];
        continue;
      }
      if (current && current.seq >= head.seq) continue;
      const unsigned = { seq: head.seq, hash: head.hash, since: current?.since ?? head.seq, at: new Date().toISOString() };
      all[orgId] = { ...unsigned, signature: this.signer.sign(anchorText(orgId, unsigned)) };
      changed = true;
    }
    if (changed) await this.writeAll(all);
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

  private readAll(): Record<string, AuditAnchor> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      text = missingAsEmpty(error);
    }
    return parseAnchors(text);
  }

  private async writeAll(all: Record<string, AuditAnchor>): Promise<void> {
    // Unique per rewrite: two trails over one data folder may share this process.
    const temporary = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(all)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
    this.writes += 1;
  }
}

function missingAsEmpty(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '{}';
  throw error;
}

function parseAnchors(text: string): Record<string, AuditAnchor> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, AuditAnchor>;
  } catch {
    // reported below
  }
  throw new AnchorFileError(`${AUDIT_ANCHOR_FILE} in the data folder is not valid (the file was edited or truncated).`);
}

function anchorText(orgId: string, fields: Omit<AuditAnchor, 'signature'>): string {
  return `anchor|${orgId}|${fields.seq}|${fields.hash}|${fields.since}|${fields.at}`;
}
