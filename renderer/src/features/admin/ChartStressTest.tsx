import { useState } from 'react';
import { chooseChart } from '../../../../shared/charts/choose';
import type { ResultLike } from '../../../../shared/charts/shape';
import type { ChartSpec } from '../../../../shared/charts/spec';
import { ChartView } from '../../charts/ChartView';

const POINTS = 1_000_000;

const CHUNK = 25_000;
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A synthetic minute-by-minute series (trend, daily cycle, noise), built in chunks so the page keeps responding. */
async function syntheticSeries(count: number): Promise<ResultLike> {
  const start = Date.UTC(2024, 0, 1);
  const rows: Array<[string, number]> = new Array(count);
  let seed = 42;
  for (let from = 0; from < count; from += CHUNK) {
    for (let i = from; i < Math.min(count, from + CHUNK); i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const noise = (seed / 2147483648 - 0.5) * 40;
      rows[i] = [new Date(start + i * 60_000).toISOString(), Math.round((1000 + i / 2000 + 150 * Math.sin((i / 1440) * 2 * Math.PI) + noise) * 100) / 100];
    }
    await nextFrame();
  }
  return { columns: [{ name: 'minute', kind: 'datetime' }, { name: 'requests', kind: 'number' }], rows };
}

/** Diagnostics: draws a 1,000,000-point chart to show that big results stay responsive. */
export function ChartStressTest() {
  const [state, setState] = useState<{ result: ResultLike; spec: ChartSpec; ms: number } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    const result = await syntheticSeries(POINTS);
    const started = performance.now();
    const spec = chooseChart(result, 'requests over time');
    setState({ result, spec, ms: Math.round(performance.now() - started) });
    setBusy(false);
  }

  return (
    <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby="stress-title">
      <h2 id="stress-title">Chart performance check</h2>
      <p className="muted">Draws a chart of 1,000,000 points. Large results are downsampled (shape preserved) so the page stays responsive.</p>
      <div className="row">
        <button className="btn" onClick={() => void run()} disabled={busy}>{busy ? 'Preparing 1,000,000 points…' : 'Draw a 1,000,000-point chart'}</button>
        {state ? <span className="muted small" data-testid="stress-timing">Chart prepared in {state.ms} ms</span> : null}
      </div>
      {state ? <ChartView spec={state.spec} result={state.result} height={280} /> : null}
    </section>
  );
}
