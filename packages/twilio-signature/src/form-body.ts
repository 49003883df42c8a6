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
 * Decoding is the WHATWG form-urlencoded parser (`URLSearchParams`): `+` is a space, `%XX` is a
 * byte, the bytes are UTF-8 with invalid sequences replaced by U+FFFD, empty `&&` pieces are
 * skipped. It never throws: any input yields some params.
 */
export function parseFormBody(body: string | Uint8Array): FormParams {
  const text = typeof body === 'string' ? body : utf8.decode(body);
  const params: FormParams = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else if (typeof existing === 'string') params[key] = [existing, value];
    else existing.push(value);
  }
  return params;
}
