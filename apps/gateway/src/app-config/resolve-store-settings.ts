import {
  type ConfigIssue,
  type ConfigPath,
  ConfigValidationError,
  formatConfigPath,
  isSecretRefError,
  resolveSecretRef,
} from '@sms-channel/config';
import type { SecretsMode } from './resolve-gateway-accounts.js';
import { DATABASE_URL_ENV, postgresUrlProblem, type StoreSection } from './store-config-schema.js';

/** The embedded store: one SQLite file. */
export interface SqliteStoreSettings {
  kind: 'sqlite';
  /** `<stateDir>/store.db`. */
  path: string;
}

/** A PostgreSQL database several gateway processes share. */
export interface PostgresStoreSettings {
  kind: 'postgres';
  /** As configured: may hold a password, so never log it (log the opened store's `location`). */
  connectionString: string;
  /** Where the URL came from: the config file's `gateway.store.url`, or `$SMS_CHANNEL_DATABASE_URL`. */
  urlSource: 'config' | 'env';
  /** `gateway.store.password`, resolved (a secret ref's value). */
  password?: string;
  /**
   * Why `gateway.store.password`'s secret ref could not be read, when the config was loaded with `secrets:
   * 'optional'` (a command that may not need the store): opening the store throws it.
   */
  unreadPassword?: Error;
  poolSize: number;
  schema: string;
  connectTimeoutMs: number;
}

export type GatewayStoreSettings = SqliteStoreSettings | PostgresStoreSettings;

export interface ResolvedStoreSettings {
  settings: GatewayStoreSettings;
  warnings: ConfigIssue[];
}

const STORE_PATH: ConfigPath = ['gateway', 'store'];
const ENV_PATH: ConfigPath = ['$env', DATABASE_URL_ENV];

function invalid(path: ConfigPath, message: string, file: string | undefined): ConfigValidationError {
  return new ConfigValidationError([{ path, message, severity: 'error' }], { file });
}

/** The URL of the PostgreSQL store, from the config file, else the env var; undefined: none given. */
function chooseUrl(
  section: StoreSection,
  env: Readonly<Record<string, string | undefined>>,
  file: string | undefined,
): { url: string; source: 'config' | 'env' } | undefined {
  if (section.url !== undefined) return { url: section.url, source: 'config' };
  if (section.kind === 'sqlite') return undefined;
  const fromEnv = env[DATABASE_URL_ENV]?.trim();
  if (fromEnv === undefined || fromEnv === '') return undefined;
  const problem = postgresUrlProblem(fromEnv);
  if (problem !== undefined) throw invalid(ENV_PATH, `${DATABASE_URL_ENV} ${problem}`, file);
  return { url: fromEnv, source: 'env' };
}

/** Whether the URL carries a password itself (`user:password@` or `?password=`). */
function urlHasPassword(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.password !== '' || parsed.searchParams.has('password');
  } catch {
    // A host-less unix-socket URL (`postgres://user@/db?host=/run/postgresql`): only the query can hold one.
    return /[?&]password=/.test(url);
  }
}

/** Whether a separate password can travel with this URL (a host-less unix-socket URL cannot carry one). */
function canCarryPassword(url: string): boolean {
  try {
    const parsed = new URL(url);
    parsed.password = 'x';
    return parsed.password !== '';
  } catch {
    return false;
  }
}

function readPassword(
  section: StoreSection,
  options: { env: Readonly<Record<string, string | undefined>>; baseDir: string; secrets: SecretsMode },
  warnings: ConfigIssue[],
): { password?: string; unreadPassword?: Error } {
  const { password } = section;
  if (password === undefined) return {};
  if (typeof password === 'string') return { password };
  const path = [...STORE_PATH, 'password'];
  try {
    const secret = resolveSecretRef(password, path, { env: options.env, baseDir: options.baseDir });
    warnings.push(...secret.warnings);
    return { password: secret.value };
  } catch (error) {
    if (options.secrets === 'required' || !isSecretRefError(error)) throw error;
    // The issue carries the path already; its message need not repeat it (as config words account secrets).
    const detail = error.message.replace(`${formatConfigPath(path)}: `, '');
    warnings.push({ path, severity: 'warning', message: `${detail}; not read (opening the store needs it)` });
    return { unreadPassword: error };
  }
}

/**
 * Which store the gateway opens: PostgreSQL when `gateway.store.url` (else `$SMS_CHANNEL_DATABASE_URL`) is
 * set and `kind` is not `'sqlite'`, else the SQLite file under the state directory. The password (a string or
 * a secret ref, read by config's `resolveSecretRef`) is resolved here, so a missing secret stops the start
 * with the ref's path. Throws `ConfigValidationError` for a bad env URL, `kind: "postgres"` without a URL,
 * `kind: "sqlite"` with one, or a password a unix-socket URL cannot carry; `SecretRefError` for an unreadable
 * password ref (unless `secrets: 'optional'`).
 */
export function resolveStoreSettings(
  section: StoreSection,
  options: {
    env: Readonly<Record<string, string | undefined>>;
    baseDir: string;
    sqlitePath: string;
    secrets?: SecretsMode;
    /** The config file, named in errors. */
    file?: string;
  },
): ResolvedStoreSettings {
  const { file } = options;
  if (section.kind === 'sqlite' && section.url !== undefined) {
    throw invalid([...STORE_PATH, 'url'], 'url is for kind "postgres"; drop it, or drop kind "sqlite"', file);
  }
  const chosen = chooseUrl(section, options.env, file);
  if (chosen === undefined) {
    if (section.kind === 'postgres') {
      throw invalid(
        [...STORE_PATH, 'kind'],
        `kind "postgres" needs a URL: set gateway.store.url or ${DATABASE_URL_ENV} (postgres://user@host:5432/database)`,
        file,
      );
    }
    return { settings: { kind: 'sqlite', path: options.sqlitePath }, warnings: [] };
  }
  const warnings: ConfigIssue[] = [];
  if (chosen.source === 'config' && urlHasPassword(chosen.url)) {
    warnings.push({
      path: [...STORE_PATH, 'url'],
      severity: 'warning',
      message: `holds a password, readable by anyone who can read the config file; move it to gateway.store.password as a secret ref ({ source: "env", id: "SMS_CHANNEL_DATABASE_PASSWORD" })`,
    });
  }
  if (section.password !== undefined && !canCarryPassword(chosen.url)) {
    throw invalid(
      [...STORE_PATH, 'password'],
      'a unix-socket URL without a host cannot carry a password: use postgres://user@host:5432/database, or peer/trust authentication on the socket',
      file,
    );
  }
  const password = readPassword(
    section,
    { env: options.env, baseDir: options.baseDir, secrets: options.secrets ?? 'required' },
    warnings,
  );
  return {
    settings: {
      kind: 'postgres',
      connectionString: chosen.url,
      urlSource: chosen.source,
      ...password,
      poolSize: section.poolSize,
      schema: section.schema,
      connectTimeoutMs: section.connectTimeoutMs,
    },
    warnings,
  };
}
