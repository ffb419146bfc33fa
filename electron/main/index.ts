// Electron composition root: build the container, mount the IPC transport, open the window.
import path from 'node:path';
import { app, BrowserWindow, ipcMain } from 'electron';
import { publishServedAiState } from './ai/servedState';
import { IpcTransport } from './api/ipcTransport';
import { loadConfig } from './config';
import { createContainer, type Container } from './container';
import { prewarmSqlParser } from './sql/guard';
import { registerAppScheme, serveRenderer } from './desktop/appProtocol';
import { SafeStorageSecretBox } from './desktop/safeStorageSecrets';
import { createMainWindow, hardenSession, isTrustedRendererUrl } from './desktop/window';

registerAppScheme();
let container: Container | null = null;
let servedAi: { stop(): void } | null = null;

async function start(): Promise<void> {
  const config = loadConfig(process.env, {
    dataDir: process.env.AISER_DATA_DIR ?? path.join(app.getPath('userData'), 'data'),
    rendererDir: path.join(app.getAppPath(), 'dist', 'renderer'),
    fileRootsRequired: false,
    modelsDir: process.env.AISER_MODELS_DIR ?? (app.isPackaged ? path.join(process.resourcesPath, 'models') : path.join(app.getAppPath(), 'resources', 'models')),
  });
  container = await createContainer(config, { secrets: SafeStorageSecretBox.available() ? new SafeStorageSecretBox() : undefined });
  container.services.reportScheduler.start();
  prewarmSqlParser(); // loads on its own thread, so the first query does not wait for it
  servedAi = publishServedAiState(config.dataDir, container.services.ai.pool);
  const transport = new IpcTransport(container.dispatcher, isTrustedRendererUrl);
  transport.attach(ipcMain);
  hardenSession();
  serveRenderer(config.rendererDir);
  const win = createMainWindow(path.join(app.getAppPath(), 'dist', 'preload'));
  const id = win.webContents.id;
  win.on('closed', () => transport.forgetWindow(id));
}

app.enableSandbox();
app.whenReady().then(start).catch((error: unknown) => {
  console.error('Aiser could not start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && container) createMainWindow(path.join(app.getAppPath(), 'dist', 'preload'));
});
app.on('will-quit', () => {
  servedAi?.stop();
  void container?.dispose();
});
