import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AesGcmSecretBox, SECRET_KEY_FILE, SecretsError, createKeyFileSecretBox } from './secrets';

describe('key-file secret box', () => {
  let dataDir: string;
  const keyPath = () => path.join(dataDir, SECRET_KEY_FILE);

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-secrets-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('round-trips secrets and never stores the plain text in the box', () => {
    const box = createKeyFileSecretBox(dataDir);
    const sealed = box.encrypt('s3cret-pässword');
    expect(sealed).not.toContain('s3cret');
    expect(box.decrypt(sealed)).toBe('s3cret-pässword');
    expect(box.decrypt(box.encrypt(''))).toBe('');
  });

  it('uses a fresh nonce so equal secrets give different boxes', () => {
    const box = createKeyFileSecretBox(dataDir);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('creates a 32-byte key file readable only by its owner', () => {
    createKeyFileSecretBox(dataDir);
    const stat = fs.statSync(keyPath());
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.size).toBe(32);
  });

  it('reuses the same key when reopened, so earlier secrets stay readable', () => {
    const sealed = createKeyFileSecretBox(dataDir).encrypt('kept');
    expect(createKeyFileSecretBox(dataDir).decrypt(sealed)).toBe('kept');
  });

  it('refuses a key file that other users can read, naming the fix', () => {
    createKeyFileSecretBox(dataDir);
    fs.chmodSync(keyPath(), 0o644);
    expect(() => createKeyFileSecretBox(dataDir)).toThrow(/readable by other users.*chmod 600/);
  });

  it('refuses a corrupt key file', () => {
    fs.writeFileSync(keyPath(), 'short', { mode: 0o600 });
    expect(() => createKeyFileSecretBox(dataDir)).toThrow(/corrupt \(5 bytes, expected 32\)/);
  });

  it('detects a tampered box and a box sealed with another key', () => {
    const box = createKeyFileSecretBox(dataDir);
    const sealed = box.encrypt('value');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => box.decrypt(`v1:${raw.toString('base64')}`)).toThrow(SecretsError);
    const otherBox = new AesGcmSecretBox(Buffer.alloc(32, 7));
    expect(() => otherBox.decrypt(sealed)).toThrow(/cannot be decrypted/);
  });

  it('rejects strings that are not boxes', () => {
    const box = createKeyFileSecretBox(dataDir);
    expect(() => box.decrypt('plain text')).toThrow(/unknown format/);
    expect(() => box.decrypt('v1:AAAA')).toThrow(/truncated/);
  });
});
