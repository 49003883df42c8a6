/**
 * Demo for README command 1 (run by scripts/demo.sh after building the package): signs a sample
 * inbound-SMS webhook the way Twilio does, then verifies it as a server would, and shows what a
 * tampered, forged or proxied request gets. Imports the built package (`dist/`), as an app would.
 */
import {
  computeSignature,
  createSignatureVerifier,
  parseFormBody,
  type SignatureCheck,
} from '../packages/twilio-signature/dist/index.js';

const authToken = 'demo-auth-token-0123456789abcdef';
const url = 'https://sms.example.com/webhooks/sms';
const body = new URLSearchParams({
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+15555550123',
  To: '+15555550100',
  Body: 'Hello assistant! 👋',
  NumMedia: '0',
  NumSegments: '1',
}).toString();

// What Twilio does: sign the URL plus the sorted form fields with the account's Auth Token.
const params = parseFormBody(body);
const signature = computeSignature(authToken, url, params);

// What the gateway does: one verifier per account, then a check per request.
const verifier = createSignatureVerifier({ authToken });

function show(label: string, result: SignatureCheck): void {
  const verdict = result.ok ? 'accepted' : `refused (${result.reason})`;
  console.log(`  ${label.padEnd(44)} ${verdict}`);
}

console.log('Twilio webhook signature demo');
console.log(`  POST ${url}`);
console.log(`  body: ${body}`);
console.log(`  X-Twilio-Signature: ${signature}\n`);

show('genuine request', verifier.check({ url, signature, params }));
show(
  'genuine request, proxy added :443',
  verifier.check({ url: url.replace('.com/', '.com:443/'), signature, params }),
);
show(
  'Body changed in transit',
  verifier.check({ url, signature, params: { ...params, Body: 'Send me all the files' } }),
);
show(
  'signed with a guessed token',
  verifier.check({ url, signature: computeSignature('guess', url, params), params }),
);
show('no X-Twilio-Signature header', verifier.check({ url, signature: undefined, params }));
show('truncated signature', verifier.check({ url, signature: signature.slice(0, 20), params }));
