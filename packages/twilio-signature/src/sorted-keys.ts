/**
 * A record's own enumerable keys in Twilio's signing order: by UTF-16 code units, which is what
 * `Array.prototype.sort` does with no comparator ("Unix-style case-sensitive sorting order").
 *
 * Sorting ~20 names is a fifth of a verification, and a server gets the same names in the same
 * order webhook after webhook (Twilio posts a fixed set of fields per kind of callback). So the
 * last list of names and its sorted order are kept, and reused when the next record's names are
 * the same, in the same order. This caches ordering work only: it depends on the names alone, never
 * on a value, a token, a signature or a verdict, and every call still reads every value and hashes
 * the whole payload. The names are compared one by one, so a different list is always re-sorted.
 */
export function sortedKeysOf(record: object): readonly string[] {
  const keys = Object.keys(record);
  if (!sameNames(keys, previous.keys)) previous = { keys, sorted: sortedCopy(keys) };
  return previous.sorted;
}

let previous: { keys: readonly string[]; sorted: readonly string[] } = { keys: [], sorted: [] };

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lists up to this long are insertion-sorted; longer ones go to `Array.prototype.sort`. */
const INSERTION_SORT_MAX = 32;

/**
 * A sorted copy. For a webhook's ~10-30 names an insertion sort with `<` (which compares UTF-16
 * code units, as `sort()` does) measured a quarter faster than `sort()`, which converts and
 * compares through a generic comparator.
 */
function sortedCopy(keys: readonly string[]): string[] {
  const sorted = [...keys];
  if (sorted.length > INSERTION_SORT_MAX) return sorted.sort();
  for (let i = 1; i < sorted.length; i++) {
    const key = sorted[i] as string;
    let j = i - 1;
    for (; j >= 0 && (sorted[j] as string) > key; j--) sorted[j + 1] = sorted[j] as string;
    sorted[j + 1] = key;
  }
  return sorted;
}
