import { type ConfigIssue, type ConfigPath, formatConfigIssues, formatConfigPath } from './config-issue.js';

/**
 * Each class carries a `Symbol.for(...)` marker and has an `is...Error(value)` guard that reads it. Recognise
 * errors with the guards rather than `instanceof`: the symbols are registry-wide, so an error thrown by another
 * copy of this package (the CJS build next to the ESM one, a copy bundled into a plugin) is still recognised.
 */
const MARKER = 'sms-channel.config.error';
const CONFIG_ERROR: unique symbol = Symbol.for(MARKER);
const CONFIG_VALIDATION_ERROR: unique symbol = Symbol.for(`${MARKER}.ConfigValidationError`);
const CONFIG_PARSE_ERROR: unique symbol = Symbol.for(`${MARKER}.ConfigParseError`);
const CONFIG_FILE_NOT_FOUND_ERROR: unique symbol = Symbol.for(`${MARKER}.ConfigFileNotFoundError`);
const CONFIG_FILE_ERROR: unique symbol = Symbol.for(`${MARKER}.ConfigFileError`);
const SECRET_REF_ERROR: unique symbol = Symbol.for(`${MARKER}.SecretRefError`);
const UNKNOWN_ACCOUNT_ERROR: unique symbol = Symbol.for(`${MARKER}.UnknownAccountError`);

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && Reflect.get(value, marker) === true;
}

/**
 * Base of every failure this package throws. `path` is where in the configuration the problem is, as an
 * array from the root (see `ConfigPath`); `[]` when it is about the whole file.
 */
export class ConfigError extends Error {
  readonly [CONFIG_ERROR] = true;
  /** Stable, machine-readable identifier of the failure. */
  readonly code: string;
  readonly path: ConfigPath;

  constructor(code: string, message: string, options: { path?: ConfigPath; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ConfigError';
    this.code = code;
    this.path = options.path ?? [];
  }
}

/** The configuration breaks the schema or a cross-field rule; `issues` lists every error (and warning). */
export class ConfigValidationError extends ConfigError {
  readonly [CONFIG_VALIDATION_ERROR] = true;
  readonly issues: readonly ConfigIssue[];
  /** The file the configuration came from, when known. */
  readonly file: string | undefined;

  constructor(issues: readonly ConfigIssue[], options: { file?: string } = {}) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const where =
      options.file === undefined ? 'Invalid configuration' : `Invalid configuration in ${options.file}`;
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    super('CONFIG_INVALID', `${where} (${count}):\n${formatConfigIssues(errors)}`, {
      path: errors[0]?.path ?? [],
    });
    this.name = 'ConfigValidationError';
    this.issues = issues;
    this.file = options.file;
  }
}

/** A config file that is not valid JSON5; `line` and `column` are 1-based. */
export class ConfigParseError extends ConfigError {
  readonly [CONFIG_PARSE_ERROR] = true;
  readonly file: string;
  readonly line: number;
  readonly column: number;

  constructor(file: string, line: number, column: number, detail: string, cause?: unknown) {
    super('CONFIG_PARSE', `${file}:${line}:${column}: ${detail} (the config file must be JSON5)`, { cause });
    this.name = 'ConfigParseError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** A config file given explicitly that does not exist. */
export class ConfigFileNotFoundError extends ConfigError {
  readonly [CONFIG_FILE_NOT_FOUND_ERROR] = true;
  readonly file: string;

  constructor(file: string, cause?: unknown) {
    super(
      'CONFIG_NOT_FOUND',
      `Config file ${file} does not exist; create it or give the path of an existing one`,
      {
        cause,
      },
    );
    this.name = 'ConfigFileNotFoundError';
    this.file = file;
  }
}

/** Reading or writing a config file failed for another reason (permissions, disk full...). */
export class ConfigFileError extends ConfigError {
  readonly [CONFIG_FILE_ERROR] = true;
  readonly file: string;

  constructor(file: string, action: 'read' | 'write', cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('CONFIG_IO', `Could not ${action} config file ${file}: ${reason}`, { cause });
    this.name = 'ConfigFileError';
    this.file = file;
  }
}

/** A secret ref (`{ source, provider, id }`) whose secret cannot be read. */
export class SecretRefError extends ConfigError {
  readonly [SECRET_REF_ERROR] = true;
  readonly ref: { source: string; provider: string; id: string };

  constructor(
    ref: { source: string; provider: string; id: string },
    path: ConfigPath,
    detail: string,
    cause?: unknown,
  ) {
    const shown = `{ source: "${ref.source}", provider: "${ref.provider}", id: ${JSON.stringify(ref.id)} }`;
    super('SECRET_UNRESOLVED', `${formatConfigPath(path)}: secret ref ${shown} ${detail}`, { path, cause });
    this.name = 'SecretRefError';
    this.ref = ref;
  }
}

/** `resolveSmsAccount` was asked for an account id the configuration does not define. */
export class UnknownAccountError extends ConfigError {
  readonly [UNKNOWN_ACCOUNT_ERROR] = true;
  readonly accountId: string;

  constructor(accountId: string, known: readonly string[]) {
    const list =
      known.length === 0 ? 'none is configured' : `known: ${known.map((id) => `"${id}"`).join(', ')}`;
    super('ACCOUNT_UNKNOWN', `No SMS account "${accountId}" (${list})`, {
      path: ['channels', 'sms', 'accounts', accountId],
    });
    this.name = 'UnknownAccountError';
    this.accountId = accountId;
  }
}

/** Whether `value` is any error of this package (a {@link ConfigError}, with its `path`), from whichever copy of it. */
export function isConfigError(value: unknown): value is ConfigError {
  return hasMarker(value, CONFIG_ERROR);
}

/** Whether `value` is a {@link ConfigValidationError}, from whichever copy of this package. */
export function isConfigValidationError(value: unknown): value is ConfigValidationError {
  return hasMarker(value, CONFIG_VALIDATION_ERROR);
}

/** Whether `value` is a {@link ConfigParseError}, from whichever copy of this package. */
export function isConfigParseError(value: unknown): value is ConfigParseError {
  return hasMarker(value, CONFIG_PARSE_ERROR);
}

/** Whether `value` is a {@link ConfigFileNotFoundError}, from whichever copy of this package. */
export function isConfigFileNotFoundError(value: unknown): value is ConfigFileNotFoundError {
  return hasMarker(value, CONFIG_FILE_NOT_FOUND_ERROR);
}

/** Whether `value` is a {@link ConfigFileError}, from whichever copy of this package. */
export function isConfigFileError(value: unknown): value is ConfigFileError {
  return hasMarker(value, CONFIG_FILE_ERROR);
}

/** Whether `value` is a {@link SecretRefError}, from whichever copy of this package. */
export function isSecretRefError(value: unknown): value is SecretRefError {
  return hasMarker(value, SECRET_REF_ERROR);
}

/** Whether `value` is an {@link UnknownAccountError}, from whichever copy of this package. */
export function isUnknownAccountError(value: unknown): value is UnknownAccountError {
  return hasMarker(value, UNKNOWN_ACCOUNT_ERROR);
}
