import { safeStorage } from 'electron';
import type { SecretBox } from '../security/secrets';

const PREFIX = 'ss1:';

/** Secrets at rest through the OS keychain (Keychain, DPAPI, libsecret) via Electron safeStorage. */
export class SafeStorageSecretBox implements SecretBox {
  static available(): boolean {
    return safeStorage.isEncryptionAvailable();
  }

  encrypt(plain: string): string {
    return PREFIX + safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(box: string): string {
    if (!box.startsWith(PREFIX)) throw new Error('This secret was not stored by the desktop keychain; enter it again.');
    return safeStorage.decryptString(Buffer.from(box.slice(PREFIX.length), 'base64'));
  }
}
