import { validateAccessConfig } from '@sms-channel/phone-policy';
import type { ConfigIssue, ConfigPath } from './config-issue.js';
import { formatConfigPath } from './config-issue.js';
import { checkAllowFromEntry, checkPhoneNumber, checkSmsTarget, type NumberCheck } from './phone-numbers.js';
import type { AccountPlan, AccountsPlan, Setting } from './plan-accounts.js';
import { DEFAULT_WEBHOOK_PATH } from './sms-channel-schema.js';

/**
 * Rules across keys and accounts, checked on the planned accounts (after inheritance and env vars), so each
 * finding points at the key to fix. Issues carry the account they concern, for per-account warnings.
 */
export interface AccountIssue extends ConfigIssue {
  accountId: string;
}

function where(setting: Setting<unknown> | undefined): string {
  if (setting === undefined) return '';
  if (setting.origin === 'env') return ` (from environment variable ${String(setting.path[1])})`;
  if (setting.origin === 'top-level') return ` (inherited from ${formatConfigPath(setting.path)})`;
  return '';
}

function keyPath(account: AccountPlan, key: string): ConfigPath {
  return [...account.basePath, key];
}

function checkAccess(account: AccountPlan): ConfigIssue[] {
  const { dmPolicy, allowFrom } = account.settings;
  const result = validateAccessConfig({ dmPolicy: dmPolicy?.value, allowFrom: allowFrom?.value });
  if (result.ok) return [];
  // Say where the policy comes from when it is not written on the account itself.
  const origin =
    dmPolicy === undefined || dmPolicy.origin === 'account' ? '' : ` (dmPolicy${where(dmPolicy)})`;
  return result.issues.map((issue) => {
    const [head, ...rest] = issue.path;
    const setting = head === 'dmPolicy' ? dmPolicy : allowFrom;
    const base = setting?.path ?? keyPath(account, String(head));
    return {
      path: [...base, ...rest],
      // A half-written account that is switched off is worth a warning, not a refusal to start.
      severity: account.enabled ? 'error' : 'warning',
      message: `account "${account.accountId}": ${issue.message}${origin}`,
    };
  });
}

function normalizedPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function checkWebhookPaths(accounts: readonly AccountPlan[]): AccountIssue[] {
  const owners = new Map<string, string>();
  const issues: AccountIssue[] = [];
  for (const account of accounts) {
    if (!account.enabled) continue;
    const setting = account.settings.webhookPath;
    const path = setting?.value ?? DEFAULT_WEBHOOK_PATH;
    const key = normalizedPath(path);
    const owner = owners.get(key);
    if (owner === undefined) {
      owners.set(key, account.accountId);
      continue;
    }
    const origin = setting === undefined ? ' (the default)' : where(setting);
    issues.push({
      accountId: account.accountId,
      // Report where the fix goes: this account's own webhookPath, even when the value was inherited.
      path: setting?.origin === 'account' ? setting.path : keyPath(account, 'webhookPath'),
      severity: 'error',
      message: `webhookPath "${path}"${origin} is also used by enabled account "${owner}"; give each enabled account its own, e.g. "${DEFAULT_WEBHOOK_PATH}/${account.accountId}"`,
    });
  }
  return issues;
}

function checkPublicUrl(account: AccountPlan): ConfigIssue[] {
  const url = account.settings.publicWebhookUrl;
  if (url === undefined) return [];
  const webhookPath = normalizedPath(account.settings.webhookPath?.value ?? DEFAULT_WEBHOOK_PATH);
  const urlPath = normalizedPath(new URL(url.value).pathname);
  if (urlPath.endsWith(webhookPath)) return [];
  return [
    {
      path: url.path,
      severity: 'warning',
      message: `account "${account.accountId}": publicWebhookUrl path "${urlPath}" does not end with its webhookPath "${webhookPath}"; fine if a proxy rewrites it, otherwise Twilio posts where nothing listens`,
    },
  ];
}

function numberWarning(path: ConfigPath, checked: NumberCheck): ConfigIssue[] {
  return checked.ok && checked.warning !== undefined
    ? [{ path, severity: 'warning', message: checked.warning }]
    : [];
}

function checkNumbers(account: AccountPlan): ConfigIssue[] {
  const { fromNumber, defaultTo, allowFrom } = account.settings;
  const issues: ConfigIssue[] = [];
  if (fromNumber !== undefined)
    issues.push(...numberWarning(fromNumber.path, checkPhoneNumber(fromNumber.value)));
  if (defaultTo !== undefined) issues.push(...numberWarning(defaultTo.path, checkSmsTarget(defaultTo.value)));
  allowFrom?.value.forEach((entry, index) => {
    issues.push(...numberWarning([...allowFrom.path, index], checkAllowFromEntry(entry)));
  });
  return issues;
}

const ENV_REFERENCE = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

function checkSenderAndSafety(account: AccountPlan): ConfigIssue[] {
  const { fromNumber, messagingServiceSid, authToken, dangerouslyDisableSignatureValidation } =
    account.settings;
  const issues: ConfigIssue[] = [];
  const id = account.accountId;
  if (fromNumber !== undefined && messagingServiceSid !== undefined) {
    issues.push({
      path: messagingServiceSid.path,
      severity: 'warning',
      message: `account "${id}" has both fromNumber${where(fromNumber)} and messagingServiceSid${where(messagingServiceSid)}; texts are sent from fromNumber, not through the Messaging Service`,
    });
  }
  if (typeof authToken?.value === 'string' && ENV_REFERENCE.test(authToken.value)) {
    issues.push({
      path: authToken.path,
      severity: 'warning',
      message: `authToken "${authToken.value}" looks like an env var reference, which is not expanded; write { source: "env", provider: "default", id: "NAME" }`,
    });
  }
  if (account.enabled && dangerouslyDisableSignatureValidation?.value === true) {
    issues.push({
      path: dangerouslyDisableSignatureValidation.path,
      severity: 'warning',
      message: `account "${id}" accepts webhooks without checking X-Twilio-Signature: anyone who finds the URL can post as any sender`,
    });
  }
  return issues;
}

/** Every cross-field finding of a plan, errors and warnings, each tagged with its account. */
export function checkAccountRules(plan: AccountsPlan): AccountIssue[] {
  const perAccount = plan.accounts.flatMap((account) =>
    [
      ...checkAccess(account),
      ...checkPublicUrl(account),
      ...checkNumbers(account),
      ...checkSenderAndSafety(account),
    ].map((issue) => ({ ...issue, accountId: account.accountId })),
  );
  return [...perAccount, ...checkWebhookPaths(plan.accounts)];
}
