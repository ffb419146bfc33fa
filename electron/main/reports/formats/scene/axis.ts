import type { ValueFormat } from '../../../../../shared/charts/spec';

/** "Nice" axis ticks (1, 2, 2.5, 5 × 10^n) covering [min, max], including zero for bars. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = Math.abs(min) || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= max + step * 0.5 && ticks.length < 20; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

export function scale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Roughly how wide a text is at a size (average glyph ≈ 0.55 em), for layout decisions. */
export function textWidth(text: string, size: number): number {
  return text.length * size * 0.55;
}

export function ellipsize(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  const keep = Math.max(1, Math.floor(width / (size * 0.55)) - 1);
  return `${text.slice(0, keep)}…`;
}

/** Tick labels in the UI's compact style, with as many decimals as it takes to tell them apart
 *  ($1.05M, $1.10M rather than $1.1M twice). */
export function tickLabels(ticks: readonly number[], fmt: ValueFormat | undefined, format: (v: number) => string): string[] {
  const plain = ticks.map(format);
  if (new Set(plain).size === plain.length || ticks.length < 2 || (fmt !== 'currency' && fmt !== 'number' && fmt !== 'integer' && fmt !== undefined)) return plain;
  const max = Math.max(...ticks.map(Math.abs));
  const [size, suffix] = max >= 1e9 ? [1e9, 'B'] : max >= 1e6 ? [1e6, 'M'] : max >= 1e3 ? [1e3, 'k'] : [1, ''];
  const step = Math.abs(ticks[1] - ticks[0]) / size;
  const decimals = Math.min(4, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  const prefix = fmt === 'currency' ? '$' : '';
  return ticks.map((t) => `${t < 0 ? '-' : ''}${prefix}${(Math.abs(t) / size).toFixed(decimals)}${suffix}`);
}
