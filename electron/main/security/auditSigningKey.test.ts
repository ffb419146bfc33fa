import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_SIGNING_KEY_FILE, AuditKeyError, AuditSigner, LEGACY_CHECKPOINT_KEY_FILE } from './auditSigningKey';
import { AesGcmSecretBox } from './secrets';

const dirs: string[] = [];
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-audit-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit signing key', () => {
  it('is created as secret-box ciphertext only, and the same key signs after a restart', () => {
    const dir = dataDir();
    const box = new AesGcmSecretBox(crypto.randomBytes(32));
    const signature = new AuditSigner(dir, box).sign('org|1|abc|2026-01-01T00:00:00.000Z');
    expect(fs.readdirSync(dir)).toEqual([AUDIT_SIGNING_KEY_FILE]);
    expect(new AuditSigner(dir, box).matches('org|1|abc|2026-01-01T00:00:00.000Z', signature)).toBe(true);
    expect(() => new AuditSigner(dir, new AesGcmSecretBox(crypto.randomBytes(32))).sign('x')).toThrow(AuditKeyError);
  });

  it('moves an older plain-text key into the secret box, so earlier checkpoints still verify', () => {
    const dir = dataDir();
    const legacy = crypto.randomBytes(32);
    fs.writeFileSync(path.join(dir, LEGACY_CHECKPOINT_KEY_FILE), legacy.toString('base64'), { mode: 0o600 });
    const earlier = crypto.createHmac('sha256', legacy).update('org|6|def|2025-12-01T00:00:00.000Z').digest('hex');
    const signer = new AuditSigner(dir, new AesGcmSecretBox(crypto.randomBytes(32)));
    expect(signer.matches('org|6|def|2025-12-01T00:00:00.000Z', earlier)).toBe(true);
    expect(fs.existsSync(path.join(dir, LEGACY_CHECKPOINT_KEY_FILE))).toBe(false);
    expect(fs.readFileSync(path.join(dir, AUDIT_SIGNING_KEY_FILE), 'utf8')).not.toContain(legacy.toString('base64'));
  });
});
