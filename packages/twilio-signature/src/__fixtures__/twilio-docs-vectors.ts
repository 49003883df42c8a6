/**
 * Signature examples published by Twilio, kept as data.
 *
 * - `webhooksSecurityGuide`: the worked example of Twilio's "Webhooks security" page
 *   (docs/usage/security, "Validating signatures from Twilio"): Auth Token `12345`, a POST to
 *   `https://mycompany.com/myapp.php?foo=1&bar=2` with five Gather parameters.
 * - `twilioPhpValidationDoc`: the same example as printed in twilio-php's
 *   `docs/usage/validation.rst`, with the older caller number `+14158675309`.
 */
export interface DocumentedVector {
  name: string;
  authToken: string;
  url: string;
  params: Record<string, string>;
  signature: string;
}

export const documentedVectors: readonly DocumentedVector[] = [
  {
    name: 'webhooksSecurityGuide',
    authToken: '12345',
    url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
    params: {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    },
    signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
  },
  {
    name: 'twilioPhpValidationDoc',
    authToken: '12345',
    url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
    params: {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675309',
      Digits: '1234',
      From: '+14158675309',
      To: '+18005551212',
    },
    signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
  },
];
