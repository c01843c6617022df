/**
 * The k-th smallest value (0-based) of `values`, which it reorders in place: Hoare's quickselect
 * with a median-of-three pivot, O(length) on average. For an interval that needs three order
 * statistics of the n(n+1)/2 Walsh averages, it avoids the O(M log M) sort, which is what makes a
 * simulation of thousands of comparisons cheap. The value is the same one sorting would give.
 */
export function selectOrderStatistic(values: Float64Array, k: number, from = 0, to = values.length - 1): number {
  let left = from;
  let right = to;
  while (right > left) {
    const middle = (left + right) >>> 1;
    const a = values[left]!;
    const b = values[middle]!;
    const c = values[right]!;
    // The median of the three: the largest of the pairwise minima.
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    // Now [left, j] ≤ pivot ≤ [i, right], and anything strictly between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}
