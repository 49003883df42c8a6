/**
 * Form parameters as Twilio posts them: a key sent once maps to a string, a key sent several
 * times (e.g. `MediaUrl0`-style fields some products repeat) maps to its values in body order.
 * The object has a null prototype, so keys such as `__proto__` or `constructor` are ordinary
 * entries and cannot reach `Object.prototype`.
 */
export type FormParams = Record<string, string | string[]>;

const utf8 = new TextDecoder('utf-8');

/**
 * Parses an `application/x-www-form-urlencoded` body into {@link FormParams}, keeping every value
 * of a repeated key (Twilio signs all of them).
 *
 * Decoding is the WHATWG form-urlencoded parser's, as `URLSearchParams` does it: `+` is a space,
 * `%XX` is a byte, the bytes are UTF-8 with invalid sequences replaced by U+FFFD, empty `&&`
 * pieces are skipped, and (as the `URLSearchParams` constructor does) one leading `?` is dropped.
 * It never throws: any input yields some params.
 *
 * Hand-written because `URLSearchParams` cost as much as verifying the signature twice over: this
 * splits on `&` and `=` with `indexOf` and decodes a piece only when it has a `%` or `+`, through
 * `decodeURIComponent`. What that cannot decode exactly as WHATWG does (a malformed escape, bytes
 * that are not UTF-8, a lone surrogate in the text) goes to `URLSearchParams` itself; the tests
 * check the two agree on arbitrary input.
 */
export function parseFormBody(body: string | Uint8Array): FormParams {
  const text = typeof body === 'string' ? body : utf8.decode(body);
  const params: FormParams = Object.create(null);
  // WHATWG parses scalar values: a lone surrogate would become U+FFFD first. Rare; not worth a fast path.
  if (!text.isWellFormed()) {
    for (const [name, value] of new URLSearchParams(text)) addParam(params, name, value);
    return params;
  }
  const needsDecoding = escapeScanner(text);
  const piece = (from: number, to: number): string =>
    needsDecoding(from, to) ? decodeFormText(text.slice(from, to)) : text.slice(from, to);
  let start = text.charCodeAt(0) === QUESTION_MARK ? 1 : 0;
  while (start < text.length) {
    const ampersand = text.indexOf('&', start);
    const end = ampersand === -1 ? text.length : ampersand;
    if (end > start) {
      const equals = text.indexOf('=', start);
      if (equals === -1 || equals > end) addParam(params, piece(start, end), '');
      else addParam(params, piece(start, equals), piece(equals + 1, end));
    }
    start = end + 1;
  }
  return params;
}

/**
 * Whether `text[from, to)` holds a `+` or a `%`, for ranges asked in increasing order. It keeps
 * the next position of each and searches again only once a range starts past it, so a body costs
 * a few `indexOf` calls in all rather than two per name and per value.
 */
function escapeScanner(text: string): (from: number, to: number) => boolean {
  let plus = -1;
  let percent = -1;
  const next = (char: string, from: number): number => {
    const found = text.indexOf(char, from);
    return found === -1 ? text.length : found;
  };
  return (from, to) => {
    if (plus < from) plus = next('+', from);
    if (percent < from) percent = next('%', from);
    return plus < to || percent < to;
  };
}

const QUESTION_MARK = 0x3f;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * {@link parseFormBody} for a received body whose bytes must be UTF-8, as the verifiers need:
 * undefined when they are not, where `parseFormBody` would sign U+FFFD in their place.
 */
export function parseUtf8FormBody(body: string | Uint8Array): FormParams | undefined {
  if (typeof body === 'string') return parseFormBody(body);
  try {
    return parseFormBody(strictUtf8.decode(body));
  } catch {
    return undefined;
  }
}

function addParam(params: FormParams, name: string, value: string): void {
  const existing = params[name];
  if (existing === undefined) params[name] = value;
  else if (typeof existing === 'string') params[name] = [existing, value];
  else existing.push(value);
}

/** One name or value with a `+` (a space) or `%XX` (a UTF-8 byte) in it. */
function decodeFormText(raw: string): string {
  // split/join: measured faster than replaceAll here (a Body has a `+` per word).
  const spaced = raw.includes('+') ? raw.split('+').join(' ') : raw;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A `%` not followed by two hex digits stays as it is, and bytes that are not UTF-8 become
    // U+FFFD, where `decodeURIComponent` throws: WHATWG's own decoder handles the piece.
    return new URLSearchParams(`x=${raw}`).get('x') ?? '';
  }
}
