import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretBox } from './secrets';

/** The audit signing key as secret-box ciphertext (OS keychain on the desktop, key file in server mode). */
export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.box';
/** Older versions kept the key in plain text next to the checkpoints; it is moved into the box on first use. */
export const LEGACY_CHECKPOINT_KEY_FILE = 'audit-checkpoint.key';

export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

/**
 * HMAC-SHA256 signatures over audit checkpoints and anchors. The key is only ever stored
 * encrypted with the secret box, so someone who can rewrite the store (or copy the data folder
 * without the keychain) cannot re-sign a rewritten trail.
 */
export class AuditSigner {
  private key: Buffer | null = null;

  constructor(private readonly dataDir: string, private readonly secrets: SecretBox) {}

  sign(text: string): string {
    return crypto.createHmac('sha256', this.signingKey()).update(text).digest('hex');
  }

  matches(text: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(text), 'hex');
    const actual = Buffer.from(signature, 'hex');
    return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  }

  private signingKey(): Buffer {
    this.key ??= this.loadOrCreate();
    return this.key;
  }

  private loadOrCreate(): Buffer {
    const boxPath = path.join(this.dataDir, AUDIT_SIGNING_KEY_FILE);
    if (fs.existsSync(boxPath)) {
      let key: Buffer;
      try {
        key = Buffer.from(this.secrets.decrypt(fs.readFileSync(boxPath, 'utf8').trim()), 'base64');
      } catch (error) {
        throw new AuditKeyError(`The audit signing key (${AUDIT_SIGNING_KEY_FILE}) cannot be opened with this installation's secret store: ${(error as Error).message}`);
      }
      if (key.length !== 32) throw new AuditKeyError(`The audit signing key (${AUDIT_SIGNING_KEY_FILE}) is damaged; restore it from a backup.`);
      return key;
    }
    const legacyPath = path.join(this.dataDir, LEGACY_CHECKPOINT_KEY_FILE);
    const legacy = fs.existsSync(legacyPath) ? Buffer.from(fs.readFileSync(legacyPath, 'utf8').trim(), 'base64') : null;
    const key = legacy?.length === 32 ? legacy : crypto.randomBytes(32);
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(boxPath, this.secrets.encrypt(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return this.loadOrCreate();
      throw new AuditKeyError(`Cannot save the audit signing key in ${this.dataDir}: ${(error as Error).message}. Check the data folder is writable.`);
    }
    if (legacy) fs.rmSync(legacyPath, { force: true });
    return key;
  }
}
