/** Largest-Triangle-Three-Buckets downsampling: keeps the visual shape of a long series in
 *  `threshold` points (first and last points always kept). Input must be sorted by x. */
export function lttb(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): { x: number[]; y: number[] } {
  const length = Math.min(xs.length, ys.length);
  if (threshold >= length || threshold < 3) {
    return { x: Array.from({ length }, (_, i) => xs[i]), y: Array.from({ length }, (_, i) => ys[i]) };
  }
  const outX: number[] = [xs[0]];
  const outY: number[] = [ys[0]];
  const bucketSize = (length - 2) / (threshold - 2);
  let anchor = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, length);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += xs[i];
      avgY += ys[i];
    }
    const nextCount = Math.max(nextEnd - nextStart, 1);
    avgX /= nextCount;
    avgY /= nextCount;
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    let maxArea = -1;
    let chosen = start;
    for (let i = start; i < end; i++) {
      const area = Math.abs((xs[anchor] - avgX) * (ys[i] - ys[anchor]) - (xs[anchor] - xs[i]) * (avgY - ys[anchor]));
      if (area > maxArea) {
        maxArea = area;
        chosen = i;
      }
    }
    outX.push(xs[chosen]);
    outY.push(ys[chosen]);
    anchor = chosen;
  }
  outX.push(xs[length - 1]);
  outY.push(ys[length - 1]);
  return { x: outX, y: outY };
}

/** Points above which charts are downsampled and drawn without animation or markers. */
export const MAX_CHART_POINTS = 2000;
export const LARGE_SERIES_POINTS = 500;
