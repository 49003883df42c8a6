/**
 * Issue 14: a secret ref naming a provider other than `default` was valid for `config validate` (exit 0) and
 * refused by the gateway ("unknown provider", exit 2). Validation and resolution now apply one rule in the
 * same words, so they agree on every provider.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretRefError } from './config-error.js';
import { formatConfigPath } from './config-issue.js';
import { resolveSecretRef, type SecretRef, secretProviderProblem } from './secret-ref.js';
import { smsChannelJsonSchema } from './sms-channel-json-schema.js';
import { validateConfig } from './validate-config.js';

const PATH = ['channels', 'sms', 'authToken'];
const ENV = { TWILIO_AUTH_TOKEN: 'token' };

function validation(provider: unknown) {
  const authToken = { source: 'env', provider, id: 'TWILIO_AUTH_TOKEN' };
  return validateConfig({ channels: { sms: { authToken } } }, { env: ENV });
}

/** The resolution's reason for refusing the ref, or undefined when it reads the secret. */
function resolutionProblem(provider: unknown): string | undefined {
  const ref = { source: 'env', provider, id: 'TWILIO_AUTH_TOKEN' } as SecretRef;
  try {
    resolveSecretRef(ref, PATH, { env: ENV });
    return undefined;
  } catch (error) {
    if (!(error instanceof SecretRefError)) throw error;
    return error.message;
  }
}

describe('secret providers', () => {
  it('resolves provider "default", and a ref without provider, and validates both', () => {
    for (const provider of ['default', undefined]) {
      expect(validation(provider).ok).toBe(true);
      expect(resolutionProblem(provider)).toBeUndefined();
    }
  });

  it('refuses a named provider at validation, at its key, with the reason resolution gives', () => {
    const result = validation('vault');
    expect(result.ok).toBe(false);
    const issue = result.issues[0];
    expect(issue && formatConfigPath(issue.path)).toBe('channels.sms.authToken.provider');
    const problem = secretProviderProblem('vault') ?? '';
    expect(problem).toMatch(
      /^names provider "vault", which this channel cannot resolve; use provider "default"/,
    );
    expect(issue?.message).toBe(`secret ref ${problem}`);
    expect(resolutionProblem('vault')).toBe(
      `channels.sms.authToken: secret ref { source: "env", provider: "vault", id: "TWILIO_AUTH_TOKEN" } ${problem}`,
    );
  });

  it('agrees between validation and resolution on any provider (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom('default', 'Default', 'vault', 'filemain', '', ' default'),
          fc.string(),
          fc.integer(),
        ),
        (provider) => {
          expect(validation(provider).ok).toBe(resolutionProblem(provider) === undefined);
        },
      ),
    );
  });

  it('tells editors and the OpenClaw manifest that the provider is "default"', () => {
    const authToken = JSON.stringify(
      (smsChannelJsonSchema().properties as Record<string, unknown>).authToken,
    );
    expect(authToken).toContain('"const":"default"');
  });
});
