import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MaskKey } from '../sql/column-masks';
import { SecretsError, type SecretBox } from './secrets';

/** The app's masking secret, encrypted with the secret box (key file or OS keychain). */
export const MASKING_SECRET_FILE = 'masking-secret.box';

/**
 * Keys of the hashes that mask personal data, one per organization, derived (HMAC-SHA256) from
 * one app secret that is kept only as secret-box ciphertext. A hash of a name cannot be reversed
 * with a list of common names without the key, and two organizations' hashes of the same value
 * differ.
 */
export class MaskingKeys {
  private secret: Buffer | null = null;

  constructor(private readonly loadSecret: () => Buffer) {}

  forOrganization(orgId: string): MaskKey {
    this.secret ??= this.loadSecret();
    const orgKey = createHmac('sha256', this.secret).update(`aiser/masking/${orgId}`).digest();
    const part = (label: string) => createHmac('sha256', orgKey).update(label).digest('hex');
    return { outer: part('outer'), inner: part('inner') };
  }
}

/** Keys whose secret lives in `<dataDir>/masking-secret.box` (created on first use). */
export function createMaskingKeys(dataDir: string, secrets: SecretBox): MaskingKeys {
  return new MaskingKeys(() => loadOrCreateSecret(path.join(dataDir, MASKING_SECRET_FILE), secrets));
}

/** Keys for a one-off run (the CLI on an ad-hoc source): hashes are consistent within the run only. */
export function ephemeralMaskingKeys(): MaskingKeys {
  const secret = randomBytes(32);
  return new MaskingKeys(() => secret);
}

function loadOrCreateSecret(file: string, secrets: SecretBox): Buffer {
  if (fs.existsSync(file)) {
    const secret = Buffer.from(secrets.decrypt(fs.readFileSync(file, 'utf8').trim()), 'base64');
    if (secret.length !== 32) throw new SecretsError(`The masking secret ${file} is corrupt. Restore it from a backup (hashed values change if it is replaced).`);
    return secret;
  }
  const secret = randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, secrets.encrypt(secret.toString('base64')), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecret(file, secrets);
    throw new SecretsError(`Cannot create the masking secret ${file}: ${(error as Error).message}. Check the data folder is writable.`);
  }
  return secret;
}
