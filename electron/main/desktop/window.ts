import path from 'node:path';
import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN, isAllowedExternalUrl, isTrustedRendererUrl } from './urlPolicy';

export { APP_ORIGIN, isTrustedRendererUrl };

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Denies navigation, new windows and permission requests; opens only allow-listed https links. */
export function hardenWebContents(contents: WebContents): void {
  const denyUntrusted = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedRendererUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', denyUntrusted);
  contents.on('will-redirect', denyUntrusted);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/** Hands a link to the system browser only when it passes the allow-list (https, exact host). */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** Denies permission requests for every session user, sets the CSP on every response and
 *  hardens every web contents created later (windows, devtools, anything a bug might open). */
export function hardenSession(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function createMainWindow(preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 768,
    minHeight: 600,
    show: false,
    title: 'Aiser',
    webPreferences: {
      preload: path.join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise open links in a new window outside will-navigate.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
