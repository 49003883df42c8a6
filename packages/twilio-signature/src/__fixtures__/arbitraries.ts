/**
 * fast-check generators for webhook URLs and form params, shared by the oracle property tests.
 * URLs are built from parts so the tests can produce the variants Twilio may have signed
 * (port added or dropped) without using the code under test.
 */
import fc from 'fast-check';

export interface UrlParts {
  scheme: string;
  userInfo: string;
  host: string;
  /** '' or ':<digits>' */
  port: string;
  path: string;
  /** '' or '?...' */
  query: string;
}

export function joinUrl(parts: UrlParts): string {
  return `${parts.scheme}://${parts.userInfo}${parts.host}${parts.port}${parts.path}${parts.query}`;
}

/** The scheme's default port, as Twilio's SDK picks it. */
export function defaultPortOf(scheme: string): string {
  return scheme.toLowerCase() === 'https' ? ':443' : ':80';
}

// Pieces chosen to exercise normalisation: unreserved, sub-delims, quotes, spaces, percent
// escapes (valid, encoded-unreserved, invalid, lone '%'), non-ASCII, and characters WHATWG URL escapes.
const urlPiece = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '-',
      '.',
      '_',
      '~',
      '!',
      '$',
      "'",
      '(',
      ')',
      '*',
      '+',
      ',',
      ';',
      ':',
      '@',
      ' ',
      '"',
      '<',
      '>',
      '`',
      '{',
      '}',
      '|',
      '\\',
      '^',
      '[',
      ']',
      '%20',
      '%27',
      '%2F',
      '%41',
      '%7E',
      '%e9',
      '%C3%A9',
      '%zz',
      '%',
      '%2',
      'é',
      'ü',
      '😀',
      '\u00a0',
      '中文',
      '\t',
    ),
  },
  // No raw '#': a fragment is the pinned difference from the SDK, generated only where tested.
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }).map((s) => s.replaceAll('#', '%23')),
  },
);

const urlText = (maxPieces: number) => fc.array(urlPiece, { maxLength: maxPieces }).map((p) => p.join(''));

const pathArb = fc.array(urlText(4), { maxLength: 4 }).map((segments) => `/${segments.join('/')}`);

const queryPair = fc.oneof(
  fc.tuple(urlText(3), urlText(4)).map(([k, v]) => `${k}=${v}`),
  urlText(3),
  fc.constant(''),
);

const queryArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constant('?') },
  {
    weight: 6,
    arbitrary: fc
      .array(queryPair, { minLength: 1, maxLength: 5 })
      .chain((pairs) =>
        // Repeat a key now and then, as Twilio-configured URLs sometimes do.
        fc.boolean().map((repeat) => (repeat && pairs[0] !== undefined ? [...pairs, pairs[0]] : pairs)),
      )
      .map((pairs) => `?${pairs.join('&')}`),
  },
);

const hostArb = fc.oneof(
  { weight: 5, arbitrary: fc.domain() },
  {
    weight: 1,
    arbitrary: fc.constantFrom('EXAMPLE.com', 'bücher.example', 'xn--bcher-kva.example', 'localhost'),
  },
  { weight: 1, arbitrary: fc.ipV4() },
  { weight: 1, arbitrary: fc.constantFrom('[::1]', '[2001:db8::7]', '[::ffff:127.0.0.1]') },
);

export const urlPartsArb: fc.Arbitrary<UrlParts> = fc
  .record({
    scheme: fc.constantFrom('https', 'https', 'https', 'http', 'HTTPS', 'wss'),
    userInfo: fc.constantFrom('', '', '', '', 'user:pa%40ss@', 'u@'),
    host: hostArb,
    portChoice: fc.constantFrom('none', 'none', 'default', 'other', 'wrong-default', 'empty'),
    otherPort: fc.integer({ min: 1, max: 65535 }),
    path: pathArb,
    query: queryArb,
  })
  .map(({ portChoice, otherPort, ...parts }) => {
    const ports: Record<string, string> = {
      none: '',
      default: defaultPortOf(parts.scheme),
      other: `:${otherPort}`,
      'wrong-default': parts.scheme.toLowerCase() === 'https' ? ':80' : ':443',
      empty: ':',
    };
    return { ...parts, port: ports[portChoice] ?? '' };
  })
  // URLs carrying bodySHA256 switch to the JSON-webhook rules, tested separately.
  .filter((parts) => !joinUrl(parts).includes('bodySHA256'));

const paramText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '+15555550123', 'SM0123456789abcdef', 'a b&c=d', '😀') },
);

/** Form params: some keys repeated (arrays, with duplicate and empty values), empty values allowed. */
export const paramsArb: fc.Arbitrary<Record<string, string | string[]>> = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('Body', 'From', 'To', 'MediaUrl0', '')),
  fc.oneof(
    { weight: 4, arbitrary: paramText },
    { weight: 1, arbitrary: fc.array(paramText, { maxLength: 4 }) },
    { weight: 1, arbitrary: paramText.map((v) => [v, v]) },
  ),
  { maxKeys: 8 },
);

/** Auth Tokens: Twilio's 32 hex digits mostly, plus non-ASCII and longer-than-a-block keys (other HMAC path). */
export const authTokenArb = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[0-9a-f]{32}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 65, maxLength: 90 }) },
);
