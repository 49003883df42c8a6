/**
 * "Did you mean" for unknown config keys. Hand-written rather than a dependency: it is one small
 * edit-distance function, and the rules that make suggestions good here are ours (case, `_` and `-` do not
 * count, a swapped pair of letters is one edit, and a key that is a clear fragment of a known one counts).
 */

function canonical(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/**
 * The known key closest to `key`, or `undefined` when none is close enough to be a likely typo: at most one
 * edit per three characters (and at least one), or `key` being a 4+ character fragment of exactly one known key.
 */
export function suggestKey(key: string, known: Iterable<string>): string | undefined {
  const wanted = canonical(key);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const fragments: string[] = [];
  for (const candidate of known) {
    const other = canonical(candidate);
    const distance = editDistance(wanted, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
    if (wanted.length >= 4 && other.includes(wanted)) fragments.push(candidate);
  }
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  if (best !== undefined && bestDistance <= allowed) return best;
  return fragments.length === 1 ? fragments[0] : undefined;
}
