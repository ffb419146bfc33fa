import { describe, expect, it } from 'vitest';
import { ByteLru, stringBytes } from './byteLru';
import { IdleSignal, fullCollection, returnMemoryWhenIdle, trimIdleCaches } from './idle';

/** A clock and timers the test moves by hand. */
function manualTime() {
  let now = 0;
  const timers = new Set<{ at: number; run: () => void }>();
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run };
      timers.add(timer);
      return { cancel: () => timers.delete(timer) };
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due);
        now = due.at;
        due.run();
      }
      now = until;
    },
  };
}

describe('IdleSignal', () => {
  it('turns idle only once no call has been in flight for the quiet time, then again every repeat', () => {
    const time = manualTime();
    const signal = new IdleSignal({ idleAfterMs: 5_000, repeatMs: 15_000, ...time });
    const turns: Array<{ at: number; first: boolean; idleSince: number }> = [];
    signal.onIdle(({ first, idleSince }) => turns.push({ at: time.now(), first, idleSince }));

    const endA = signal.begin();
    const endB = signal.begin();
    endA();
    time.advance(10_000);
    expect(turns).toEqual([]); // B is still running
    endB();
    endB(); // ending twice counts once
    expect(signal.busy).toBe(false);
    time.advance(4_999);
    expect(turns).toEqual([]);
    time.advance(1);
    expect(turns).toEqual([{ at: 15_000, first: true, idleSince: 10_000 }]);
    time.advance(15_000);
    expect(turns[1]).toEqual({ at: 30_000, first: false, idleSince: 10_000 });

    // A call in between starts a new period: no turn while it runs, a first turn after it.
    const endC = signal.begin();
    time.advance(60_000);
    expect(turns).toHaveLength(2);
    endC();
    time.advance(5_000);
    expect(turns[2]).toEqual({ at: 95_000, first: true, idleSince: 90_000 });
    signal.stop();
  });
});

describe('returning memory when idle', () => {
  it('drops cache entries untouched for the trim age and keeps the recent ones', () => {
    const time = manualTime();
    const cache = new ByteLru<string>({ maxBytes: 1_000, sizeOf: (value) => stringBytes(value), now: time.now });
    cache.set('old', 'a');
    cache.set('read-again', 'b');
    time.advance(60_000);
    cache.get('read-again');
    cache.set('new', 'c');
    time.advance(60_000);
    trimIdleCaches(time.now() - 90_000);
    expect([...cache.entries()].map(([key]) => key)).toEqual(['read-again', 'new']);
    expect(cache.bytes).toBe(4);
  });

  it('collects on the first turn of an idle period, ends idle workers once, after the worker idle time', () => {
    const time = manualTime();
    const signal = new IdleSignal({ idleAfterMs: 5_000, repeatMs: 15_000, ...time });
    let collections = 0;
    let workerStops = 0;
    const stop = returnMemoryWhenIdle(signal, { now: time.now, collect: () => { collections += 1; }, endIdleWorkers: () => { workerStops += 1; }, workerIdleMs: 20_000 });
    signal.begin()();
    time.advance(5_000);
    expect(collections).toBe(1);
    expect(workerStops).toBe(0);
    time.advance(15_000);
    expect(collections).toBe(1); // nothing was dropped since
    return Promise.resolve().then(() => {
      expect(workerStops).toBe(1);
      time.advance(60_000);
      return Promise.resolve();
    }).then(() => {
      expect(workerStops).toBe(1);
      stop();
      signal.stop();
    });
  });

  it('gets a full collection without --expose-gc', () => {
    const collect = fullCollection();
    expect(collect).toBeTypeOf('function');
    collect!();
  });
});
