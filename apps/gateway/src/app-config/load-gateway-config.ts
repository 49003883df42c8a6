import { dirname } from 'node:path';
import {
  type ConfigIssue,
  ConfigValidationError,
  type LoadConfigFileOptions,
  loadConfigFile,
  type ResolvedSmsAccount,
} from '@sms-channel/config';
import { type AppConfig, validateAppConfig } from './app-config-schema.js';
import {
  resolveGatewayAccounts,
  type SecretsMode,
  type UnresolvedSecret,
} from './resolve-gateway-accounts.js';
import { type GatewayStoreSettings, resolveStoreSettings } from './resolve-store-settings.js';
import { resolveStateDir, storeFilePath } from './state-dir.js';

export interface LoadGatewayConfigOptions {
  /** The config file. @default $SMS_CHANNEL_CONFIG or ~/.sms-channel/config.json5 (missing = empty config) */
  path?: string;
  /** Env vars for account fallbacks, secret refs and the default paths. @default process.env */
  env?: LoadConfigFileOptions['env'];
  /**
   * `'optional'`: a secret ref that cannot be read (env var unset, file missing) leaves the account without its
   * `authToken` (in `missing`, with a warning, listed in `unresolvedSecrets`) instead of failing the load.
   * For commands that never call Twilio.
   * @default 'required'
   */
  secrets?: SecretsMode;
}

/** Everything the gateway (and the CLI) needs from the config file, validated and resolved. */
export interface GatewayConfig {
  /** The absolute path of the config file read (or that would have been read). */
  file: string;
  /** `false` when the default path has no file: every value comes from env vars and defaults. */
  exists: boolean;
  /** The whole file as parsed, untouched (for `config patch`, redaction, other sections). */
  raw: Record<string, unknown>;
  /** Every SMS account, resolved (inheritance, env vars, secret refs, defaults, E.164 numbers). */
  accounts: ResolvedSmsAccount[];
  defaultAccountId: string;
  /** The app's own sections (`agent`, `gateway`) with defaults applied. */
  app: AppConfig;
  /** Absolute state directory (`gateway.stateDir`, `$SMS_CHANNEL_STATE_DIR` or `~/.sms-channel/state`). */
  stateDir: string;
  /** The SQLite store file inside `stateDir` (the store when `store.kind` is `'sqlite'`). */
  storePath: string;
  /** The store the gateway opens (`gateway.store`, `$SMS_CHANNEL_DATABASE_URL`), its password resolved. */
  store: GatewayStoreSettings;
  /** Every warning about the configuration (both sections). */
  warnings: ConfigIssue[];
  /** Secret refs left unread (`secrets: 'optional'` only; empty or absent otherwise). */
  unresolvedSecrets?: UnresolvedSecret[];
}

/**
 * Reads the config file, validates `channels.sms` and the app sections, resolves the accounts and the store.
 * Throws a `ConfigError` (from `@sms-channel/config`) with the path of the bad key: `ConfigValidationError`
 * listing every issue, `ConfigParseError` with line and column, `SecretRefError` (unless `secrets:
 * 'optional'`; `gateway.store.password` too), `ConfigFileNotFoundError` when an explicit path does not exist.
 */
export async function loadGatewayConfig(options: LoadGatewayConfigOptions = {}): Promise<GatewayConfig> {
  const env = options.env ?? process.env;
  const loaded = await loadConfigFile(options.path, { env });
  const app = validateAppConfig(loaded.config);
  if (!app.ok) throw new ConfigValidationError(app.issues, { file: loaded.path });
  const baseDir = dirname(loaded.path);
  const resolved = resolveGatewayAccounts(loaded.config, env, { baseDir, secrets: options.secrets });
  const stateDir = resolveStateDir(app.app.gateway.stateDir, { env, baseDir });
  const storePath = storeFilePath(stateDir);
  const store = resolveStoreSettings(app.app.gateway.store, {
    env,
    baseDir,
    sqlitePath: storePath,
    secrets: options.secrets,
    file: loaded.path,
  });
  return {
    file: loaded.path,
    exists: loaded.exists,
    raw: loaded.config,
    accounts: resolved.accounts,
    defaultAccountId: resolved.defaultAccountId,
    app: app.app,
    stateDir,
    storePath,
    store: store.settings,
    warnings: mergeWarnings(loaded.warnings, resolved.warnings, store.warnings),
    unresolvedSecrets: resolved.unresolvedSecrets,
  };
}

function mergeWarnings(...lists: readonly ConfigIssue[][]): ConfigIssue[] {
  const seen = new Set<string>();
  const out: ConfigIssue[] = [];
  for (const issue of lists.flat()) {
    const key = `${JSON.stringify(issue.path)}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}
