import type { Options } from 'tsup';

/** An esbuild plugin, as tsup takes them (`esbuildPlugins`). */
export type BundlePlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The `twilio` SDK domains the plugin calls, through `@sms-channel/twilio-messaging`'s REST client: `api`
 * (Messages, the Account, IncomingPhoneNumbers; the client's `messages` and `incomingPhoneNumbers` shortcuts
 * lead there too) and `messaging` (Messaging Services). Each is `lib/rest/<Domain>.js` plus its
 * `<Domain>Base.js`; `Twilio.js` is the client itself.
 */
export const TWILIO_DOMAINS_USED: readonly string[] = ['Api', 'Messaging'];

const KEPT = new Set(['Twilio', ...TWILIO_DOMAINS_USED.flatMap((domain) => [domain, `${domain}Base`])]);

/** What an unused domain becomes in the bundle: a constructor that says why it is not there. */
export function unbundledDomainModule(domain: string): string {
  const message = `the twilio SDK's ${domain} domain is not in the OpenClaw plugin bundle (it keeps ${TWILIO_DOMAINS_USED.join(', ')}; see apps/openclaw-plugin/src/twilio-sdk-domains.ts)`;
  return `module.exports = function ${domain}() { throw new Error(${JSON.stringify(message)}); };\n`;
}

/**
 * Leaves out of the bundle the ~40 `twilio` SDK domains the plugin never calls (Voice, Conversations, Verify...):
 * the SDK's client `require`s each domain lazily in a getter, which a bundler still follows, so they made up
 * 5.9 MB of the plugin's 9.8 MB, and loading the SDK chunk on the first Twilio call of a process cost about twice
 * the CPU (~470 ms against ~245 ms, 25 MB more memory, measured interleaved on Node 20). Each
 * `require("./<Domain>")` of `twilio/lib/rest/Twilio.js` other than the ones above resolves to a stub that
 * throws a clear error if it is ever used; twilio-sdk-domains.test.ts calls every REST method of the client
 * through a bundle built this way.
 */
export function twilioDomainsPlugin(): BundlePlugin {
  return {
    name: 'sms-channel-twilio-domains',
    setup(build) {
      build.onResolve({ filter: /^\.\/[A-Z][A-Za-z0-9]*$/ }, (args) => {
        if (!/[\\/]twilio[\\/]lib[\\/]rest$/.test(args.resolveDir)) return undefined;
        const domain = args.path.slice(2);
        if (KEPT.has(domain)) return undefined;
        return { path: domain, namespace: 'sms-channel-unbundled-twilio-domain' };
      });
      build.onLoad({ filter: /.*/, namespace: 'sms-channel-unbundled-twilio-domain' }, (args) => ({
        contents: unbundledDomainModule(args.path),
        loader: 'js',
      }));
    },
  };
}
