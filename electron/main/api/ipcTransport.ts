import type { ApiDispatcher } from './dispatcher';

/** The slice of Electron's ipcMain / WebContents this transport needs (kept as an interface so
 *  the transport is testable in plain Node and Electron stays a thin shell). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface IpcEventLike {
  sender: { id: number; send(channel: string, payload: unknown): void; isDestroyed(): boolean };
  senderFrame: { url: string } | null;
}

export const IPC_INVOKE_CHANNEL = 'aiser:invoke';
export const IPC_EVENT_CHANNEL = 'aiser:event';

/** Electron IPC transport: the preload calls `aiser:invoke` with (key, request, requestId); the
 *  reply is the same envelope HTTP returns. Sessions are kept per window, never in the renderer. */
export class IpcTransport {
  private readonly tokens = new Map<number, string>();

  constructor(private readonly dispatcher: ApiDispatcher, private readonly isTrustedUrl: (url: string) => boolean) {}

  attach(ipc: IpcMainLike): void {
    ipc.handle(IPC_INVOKE_CHANNEL, (event, key, request, requestId) => this.invoke(event, key, request, requestId));
  }

  detach(ipc: IpcMainLike): void {
    ipc.removeHandler(IPC_INVOKE_CHANNEL);
  }

  forgetWindow(webContentsId: number): void {
    this.tokens.delete(webContentsId);
  }

  async invoke(event: IpcEventLike, key: unknown, request: unknown, requestId: unknown): Promise<unknown> {
    if (!event.senderFrame || !this.isTrustedUrl(event.senderFrame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not call the Aiser API.' } };
    }
    if (typeof key !== 'string' || typeof requestId !== 'string' || requestId.length > 64) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed IPC call.' } };
    }
    const sender = event.sender;
    const result = await this.dispatcher.dispatch(key, request, {
      token: this.tokens.get(sender.id) ?? null,
      requestId,
      transport: 'ipc',
      client: { userAgent: 'aiser-desktop' },
      onEvent: (payload) => {
        if (!sender.isDestroyed()) sender.send(IPC_EVENT_CHANNEL, { requestId, event: payload });
      },
    });
    if (result.ok && (key === 'auth/signIn' || key === 'setup/complete')) {
      const token = (result.data as { token?: string }).token;
      if (token) this.tokens.set(sender.id, token);
    }
    if (key === 'auth/signOut') this.tokens.delete(sender.id);
    return result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error };
  }
}
