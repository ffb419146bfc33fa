export { backupStore, type BackupOptions } from './backup';
export { restoreStore, readBackupHeader, type RestoreOptions, type RestoreReport } from './restore';
export { BackupError, type BackupHeader } from './format';
