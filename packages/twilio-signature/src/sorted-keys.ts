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
  if (!sameNames(keys, previous.keys)) previous = { keys, sorted: [...keys].sort() };
  return previous.sorted;
}

let previous: { keys: readonly string[]; sorted: readonly string[] } = { keys: [], sorted: [] };

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
