import type { Readiness } from '../api/httpTransport';

/** Work a server does after it starts listening (so the first screen does not wait for it),
 *  reflected in /readyz: not ready while it runs; a failure is reported but does not block. */
export class StartupWork {
  private readonly states = new Map<string, string>();

  /** Runs `work` under `name`; the promise always resolves (failures go to `onError`). */
  async run(name: string, work: () => Promise<void>, onError: (error: Error) => void): Promise<void> {
    this.states.set(name, 'preparing');
    try {
      await work();
      this.states.set(name, 'ok');
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.states.set(name, `failed: ${failure.message}`);
      onError(failure);
    }
  }

  combine(base: Readiness): Readiness {
    const checks = { ...base.checks };
    let pending = false;
    for (const [name, state] of this.states) {
      checks[name] = state;
      pending ||= state === 'preparing';
    }
    return { ready: base.ready && !pending, checks };
  }
}
