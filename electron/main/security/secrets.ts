import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Encrypts secrets (connection passwords, tokens) before they are stored. Implementations:
 *  this AES-256-GCM key-file box for plain Node / server mode, and an Electron `safeStorage`
 *  adapter on the desktop. A box is an opaque, self-describing string. */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(box: string): string;
}

export class SecretsError extends Error {
  readonly code = 'SECRETS_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'SecretsError';
  }
}

export const SECRET_KEY_FILE = 'secret.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Version prefix so a future key rotation or algorithm change can tell boxes apart. */
const BOX_PREFIX = 'v1:';

/** Opens (or on first use creates) `<dataDir>/secret.key` and returns an AES-256-GCM box. */
export function createKeyFileSecretBox(dataDir: string): SecretBox {
  return new AesGcmSecretBox(loadOrCreateKey(path.join(dataDir, SECRET_KEY_FILE)));
}

export class AesGcmSecretBox implements SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new SecretsError(`An AES-256 key must be ${KEY_BYTES} bytes, got ${key.length}.`);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return BOX_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  decrypt(box: string): string {
    if (!box.startsWith(BOX_PREFIX)) {
      throw new SecretsError('This secret was not encrypted by this app (unknown format); enter the secret again.');
    }
    const raw = Buffer.from(box.slice(BOX_PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretsError('The stored secret is truncated; enter the secret again.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretsError(
        'A stored secret cannot be decrypted: it was altered, or the key file (secret.key) was replaced. ' +
          'Restore the original key file or enter the secret again.',
      );
    }
  }
}

function loadOrCreateKey(keyPath: string): Buffer {
  if (!fs.existsSync(keyPath)) return createKey(keyPath);
  assertPrivatePermissions(keyPath);
  const key = fs.readFileSync(keyPath);
  if (key.length !== KEY_BYTES) {
    throw new SecretsError(
      `The key file ${keyPath} is corrupt (${key.length} bytes, expected ${KEY_BYTES}). ` +
        'Restore it from a backup; deleting it makes every stored secret unreadable.',
    );
  }
  return key;
}

function createKey(keyPath: string): Buffer {
  fs.mkdirSync(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    // 'wx' fails if another process created the file meanwhile; then we read theirs.
    fs.writeFileSync(keyPath, key, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(keyPath);
    throw new SecretsError(`Cannot create the key file ${keyPath}: ${(error as Error).message}. Check the data folder is writable.`);
  }
  return key;
}

function assertPrivatePermissions(keyPath: string): void {
  // POSIX permission bits do not exist on Windows; there the file inherits the profile's ACL.
  if (process.platform === 'win32') return;
  const mode = fs.statSync(keyPath).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new SecretsError(
      `The key file ${keyPath} is readable by other users (mode ${mode.toString(8).padStart(3, '0')}). ` +
        `Run \`chmod 600 ${keyPath}\` and start again.`,
    );
  }
}
