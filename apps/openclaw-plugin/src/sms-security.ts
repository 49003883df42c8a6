import { OPENCLAW_APPROVE_COMMAND } from './host-sender-access.js';
import type { SmsPluginAccount } from './sms-plugin-account.js';
import { normalizeSmsTarget } from './sms-targets.js';

/** An allow entry as the host stores and compares it: E.164 (`sms:` dropped), else as written. */
export function normalizeSmsAllowEntry(entry: string): string {
  const trimmed = entry.trim();
  if (trimmed === '*') return trimmed;
  return normalizeSmsTarget(trimmed) ?? trimmed;
}

function accountPath(account: SmsPluginAccount, key: string): string {
  return account.resolved?.isDefault === false
    ? `channels.sms.accounts.${account.accountId}.${key}`
    : `channels.sms.${key}`;
}

/** `security.resolveDmPolicy`: who may text the assistant; `pairing list/approve` only see `pairing` accounts. */
export function resolveSmsDmPolicy(account: SmsPluginAccount) {
  return {
    policy: account.dmPolicy,
    allowFrom: account.resolved?.allowFrom ?? [],
    policyPath: accountPath(account, 'dmPolicy'),
    allowFromPath: accountPath(account, 'allowFrom'),
    approveHint: `${OPENCLAW_APPROVE_COMMAND} <CODE>`,
    normalizeEntry: normalizeSmsAllowEntry,
  };
}

/** `security.collectWarnings`: what an operator must fix or know (shown by the host's security audit). */
export function collectSmsWarnings(account: SmsPluginAccount): string[] {
  const warnings: string[] = [];
  const resolved = account.resolved;
  if (account.problem !== undefined) warnings.push(`channels.sms: ${account.problem}`);
  if (resolved === undefined) return warnings;
  const id = account.accountId;
  if (resolved.enabled && !resolved.complete) {
    warnings.push(`SMS account ${id} is incomplete: missing ${resolved.missing.join(', ')}`);
  }
  if (resolved.dangerouslyDisableSignatureValidation) {
    warnings.push(`SMS account ${id}: signature validation is DISABLED; anyone can post fake messages`);
  } else if (resolved.publicWebhookUrl === undefined) {
    warnings.push(
      `SMS account ${id} has no publicWebhookUrl: signatures are checked against the gateway's local URL, which only matches if Twilio calls exactly that URL`,
    );
  }
  if (resolved.dmPolicy === 'open') {
    warnings.push(`SMS account ${id}: dmPolicy "open" lets any phone number talk to the assistant`);
  }
  return warnings;
}
