/** One point of a power curve: x is utilisation (0..1), y is the value at that utilisation. */
export type CurvePoint = readonly [x: number, y: number];

/**
 * Piecewise-linear interpolation through `points` (sorted by x, at least one point). Flat
 * beyond the first and last points, because a curve measured up to 100% says nothing above it.
 */
export function interpolateLinear(points: readonly CurvePoint[], x: number): number {
  const first = points[0];
  if (first === undefined) return Number.NaN;
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const right = points[i]!;
    if (x <= right[0]) {
      const left = points[i - 1]!;
      const fraction = (x - left[0]) / (right[0] - left[0]);
      return left[1] + fraction * (right[1] - left[1]);
    }
  }
  return points[points.length - 1]![1];
}
