/**
 * @module check-modules
 * Run inside the scratch consumer project (copied there by test-packages.mjs), where the libraries were
 * installed from the registry: each library imported with `import` (ESM) and with `require` (CommonJS) gives the
 * same exports, and an error thrown by one module format is recognised by the other format's `isXxxError`
 * guard (the guards look for a `Symbol.for` marker, so identity survives two copies of a package).
 *
 *   node check-modules.mjs NAME...     prints one JSON line per library; exit 1 when a check failed
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Per library: the guard of its base error, and a call that fails with one of its errors (an error the
 * library throws for a bad input, not one constructed here).
 */
const ERROR_CASES = {
  '@sms-channel/twilio-signature': {
    guard: 'isTwilioSignatureError',
    provoke: (lib) => lib.createSignatureVerifier({ authToken: '' }),
  },
  '@sms-channel/phone-policy': {
    guard: 'isPhonePolicyError',
    provoke: (lib) => lib.normalizeE164('garbage'),
  },
  '@sms-channel/sms-text': { guard: 'isSmsTextError', provoke: (lib) => lib.chunkSms('x', { maxChars: 0 }) },
  '@sms-channel/config': {
    guard: 'isConfigError',
    provoke: (lib) => lib.resolveSmsAccounts({ channels: { sms: { dmPolicy: 'nope' } } }, {}),
  },
  '@sms-channel/store': { guard: 'isStoreError', provoke: (lib) => lib.openStore('') },
  '@sms-channel/twilio-messaging': {
    guard: 'isTwilioMessagingError',
    provoke: (lib) => {
      throw lib.twilioErrorFromResponse(429, { code: 20429, message: 'Too Many Requests' }, {}, 'POST /x');
    },
  },
  '@sms-channel/channel-runtime': {
    guard: 'isChannelRuntimeError',
    provoke: (lib) =>
      lib.sendText({
        account: { accountId: 'default' },
        to: '+12025550142',
        markdown: 'hi',
        turnKey: 'check',
        optOuts: { isOptedOut: async () => true },
        outbound: {},
      }),
  },
};

async function thrown(call) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** @returns {Promise<{ name: string, ok: boolean, exports?: number, guard?: string, skipped?: string, problems: string[] }>} */
async function check(name) {
  const problems = [];
  const esm = await import(name);
  const cjs = require(name);
  const esmKeys = Object.keys(esm)
    .filter((key) => key !== 'default' && key !== 'module.exports')
    .sort();
  const cjsKeys = Object.keys(cjs).sort();
  if (esmKeys.length === 0) problems.push('the ESM build exports nothing');
  const onlyEsm = esmKeys.filter((key) => !cjsKeys.includes(key));
  const onlyCjs = cjsKeys.filter((key) => !esmKeys.includes(key));
  if (onlyEsm.length > 0) problems.push(`only in the ESM build: ${onlyEsm.join(', ')}`);
  if (onlyCjs.length > 0) problems.push(`only in the CommonJS build: ${onlyCjs.join(', ')}`);

  const cases = ERROR_CASES[name];
  if (cases === undefined) return { name, ok: problems.length === 0, exports: esmKeys.length, problems };
  if (typeof esm[cases.guard] !== 'function') {
    return {
      name,
      ok: problems.length === 0,
      exports: esmKeys.length,
      skipped: `no ${cases.guard} export yet: the cross-format error check waits for it`,
      problems,
    };
  }
  const fromEsm = await thrown(() => cases.provoke(esm));
  const fromCjs = await thrown(() => cases.provoke(cjs));
  if (fromEsm === undefined || fromCjs === undefined) {
    problems.push('the bad input did not throw');
  } else {
    if (!esm[cases.guard](fromEsm)) problems.push(`ESM ${cases.guard} does not recognise the ESM error`);
    if (!esm[cases.guard](fromCjs))
      problems.push(`ESM ${cases.guard} does not recognise the CommonJS error (${fromCjs.name})`);
    if (!cjs[cases.guard](fromEsm))
      problems.push(`CommonJS ${cases.guard} does not recognise the ESM error (${fromEsm.name})`);
    if (esm[cases.guard](new Error('plain'))) problems.push(`${cases.guard} accepts a plain Error`);
  }
  return {
    name,
    ok: problems.length === 0,
    exports: esmKeys.length,
    guard: cases.guard,
    error: fromEsm?.name,
    problems,
  };
}

let failed = false;
for (const name of process.argv.slice(2)) {
  let result;
  try {
    result = await check(name);
  } catch (error) {
    result = {
      name,
      ok: false,
      problems: [`import failed: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  if (!result.ok) failed = true;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
process.exitCode = failed ? 1 : 0;
