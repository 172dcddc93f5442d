/**
 * Bounded optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions):
 * returns the distance when it is ≤ max, otherwise max + 1. Only the diagonal band |i − j| ≤ max is
 * computed, rows live in reused typed arrays (no allocation per call: this runs on hundreds of
 * candidates per query), and it stops as soon as a whole row exceeds max.
 */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function boundedOsa(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const INF = max + 1;
  if (Math.abs(n - m) > max) return INF;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (rows[0]!.length < m + 1) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= m; j++) {
    prev[j] = j <= max ? j : INF;
    prev2[j] = INF;
  }
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[0] = i <= max ? i : INF;
    // cells just outside the band must read as "too far", not as a previous call's values
    if (lo > 1) cur[lo - 1] = INF;
    if (hi < m) cur[hi + 1] = INF;
    let rowMin = lo === 1 ? cur[0]! : INF;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j - 1]! + (ai === bj ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (del < d) d = del;
      if (ins < d) d = ins;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2]! + 1 < d) d = prev2[j - 2]! + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return INF;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]! <= max ? prev[m]! : INF;
}
