import { describe, expect, it } from 'vitest';
import { StartupWork } from './startupWork';

describe('StartupWork', () => {
  it('keeps readiness false while work after listening runs, then reports it done', async () => {
    const work = new StartupWork();
    let finish = () => undefined as void;
    const running = work.run('demo', () => new Promise<void>((resolve) => { finish = resolve; }), () => undefined);
    expect(work.combine({ ready: true, checks: { store: 'ok' } })).toEqual({ ready: false, checks: { store: 'ok', demo: 'preparing' } });
    finish();
    await running;
    expect(work.combine({ ready: true, checks: { store: 'ok' } })).toEqual({ ready: true, checks: { store: 'ok', demo: 'ok' } });
  });

  it('reports a failure without blocking readiness and hands the error over', async () => {
    const work = new StartupWork();
    const errors: string[] = [];
    await work.run('demo', async () => { throw new Error('disk full'); }, (error) => errors.push(error.message));
    expect(errors).toEqual(['disk full']);
    expect(work.combine({ ready: true, checks: {} })).toEqual({ ready: true, checks: { demo: 'failed: disk full' } });
  });

  it('never turns a store that is not ready into a ready one', async () => {
    const work = new StartupWork();
    await work.run('demo', async () => undefined, () => undefined);
    expect(work.combine({ ready: false, checks: { store: 'unreachable' } }).ready).toBe(false);
  });
});
