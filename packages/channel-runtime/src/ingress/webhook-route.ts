import type { ResolvedSmsAccount } from '@sms-channel/config';
import { createSignatureVerifier, type SignatureVerifier } from '@sms-channel/twilio-signature';

/** One account's webhook: its path, who it must come from, and how to check its signature. */
export interface WebhookRoute {
  accountId: string;
  /** Normalised: no trailing `/` (except the root). */
  path: string;
  accountSid: string | undefined;
  fromNumber: string | undefined;
  messagingServiceSid: string | undefined;
  publicWebhookUrl: string | undefined;
  /** `undefined` when signature checks are disabled or the account has no auth token. */
  verifier: SignatureVerifier | undefined;
  signatureCheck: 'on' | 'disabled' | 'no-auth-token';
}

/** `/webhooks/sms/` and `/webhooks/sms` are one route (the config package treats them as the same path). */
export function normalizeRoutePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** A route per enabled account; the config package already refused two enabled accounts on one path. */
export function createWebhookRoutes(accounts: readonly ResolvedSmsAccount[]): Map<string, WebhookRoute> {
  const routes = new Map<string, WebhookRoute>();
  for (const account of accounts) {
    if (!account.enabled) continue;
    const disabled = account.dangerouslyDisableSignatureValidation;
    const verifier =
      disabled || account.authToken === undefined
        ? undefined
        : createSignatureVerifier({ authToken: account.authToken });
    routes.set(normalizeRoutePath(account.webhookPath), {
      accountId: account.accountId,
      path: normalizeRoutePath(account.webhookPath),
      accountSid: account.accountSid,
      fromNumber: account.fromNumber,
      messagingServiceSid: account.messagingServiceSid,
      publicWebhookUrl: account.publicWebhookUrl,
      verifier,
      signatureCheck: disabled ? 'disabled' : verifier === undefined ? 'no-auth-token' : 'on',
    });
  }
  return routes;
}
