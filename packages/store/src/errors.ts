/**
 * Every failure this package throws is a `StoreError`, so callers can catch the package's errors as one
 * family and still branch on the subclass (or on the stable `code`). Expected outcomes (a duplicate admit,
 * a stale delivery status, an empty queue) are values, never errors.
 *
 * Recognise them with `isStoreError`, `isStoreBusyError`... rather than `instanceof`: the guards read a
 * `Symbol.for` marker and the stable `code`, so they also recognise an error made by another copy of this
 * package (its ESM and CJS builds, a bundled plugin) or rebuilt after crossing the store thread.
 */

/** The marker every `StoreError` carries, shared by every copy of this package through the global registry. */
const storeErrorMarker = Symbol.for('sms-channel.store.error');

/** The stable `code` of each named failure. */
export const storeErrorCodes = {
  StoreOpenError: 'STORE_OPEN_FAILED',
  StoreCorruptError: 'STORE_CORRUPT',
  StoreForeignFileError: 'STORE_FOREIGN_FILE',
  StoreVersionError: 'STORE_VERSION_UNSUPPORTED',
  StoreBusyError: 'STORE_BUSY',
  StoreClosedError: 'STORE_CLOSED',
  StoreArgumentError: 'STORE_INVALID_ARGUMENT',
  StoreUnavailableError: 'STORE_UNAVAILABLE',
} as const;

export class StoreError extends Error {
  /** Stable, machine-readable identifier of the failure. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
    Object.defineProperty(this, storeErrorMarker, { value: true });
  }
}

/** Whether `value` is an error of this package (made by any copy of it). */
export function isStoreError(value: unknown): value is StoreError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [storeErrorMarker]?: unknown })[storeErrorMarker] === true
  );
}

function isStoreErrorWithCode<T extends StoreError>(code: string): (value: unknown) => value is T {
  return (value: unknown): value is T => isStoreError(value) && value.code === code;
}

/** The store could not be opened or created (missing permission, a folder in the way, a full disk...). */
export class StoreOpenError extends StoreError {
  /** The store file, as given to `openStore` (for PostgreSQL: the server, database and schema). */
  readonly path: string;

  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(storeErrorCodes.StoreOpenError, `Cannot open the SMS channel store at ${path}: ${detail}`, options);
    this.name = 'StoreOpenError';
    this.path = path;
  }
}

/** The file is not a readable SQLite database (damaged, truncated, or some other kind of file). */
export class StoreCorruptError extends StoreError {
  readonly path: string;

  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(
      storeErrorCodes.StoreCorruptError,
      `The SMS channel store at ${path} is damaged or not a SQLite database (${detail}); it was left untouched. ` +
        'Move it aside to start afresh, or restore it from a backup.',
      options,
    );
    this.name = 'StoreCorruptError';
    this.path = path;
  }
}

/** The file (or PostgreSQL schema) is a healthy database that belongs to some other application. */
export class StoreForeignFileError extends StoreError {
  readonly path: string;

  constructor(path: string, detail: string) {
    super(
      storeErrorCodes.StoreForeignFileError,
      `The store at ${path} is a database of another application (${detail}); it was left untouched. ` +
        'Point the store elsewhere.',
    );
    this.name = 'StoreForeignFileError';
    this.path = path;
  }
}

/** The store was written by a newer release of this package, whose schema this release does not know. */
export class StoreVersionError extends StoreError {
  readonly path: string;
  /** The schema version found in the store. */
  readonly foundVersion: number;
  /** The newest schema version this release knows. */
  readonly supportedVersion: number;

  constructor(path: string, foundVersion: number, supportedVersion: number) {
    super(
      storeErrorCodes.StoreVersionError,
      `The SMS channel store at ${path} has schema version ${foundVersion}, newer than this release supports ` +
        `(${supportedVersion}); upgrade @sms-channel/store.`,
    );
    this.name = 'StoreVersionError';
    this.path = path;
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }
}

/** Another process kept the database locked for longer than the busy timeout, even after retries. */
export class StoreBusyError extends StoreError {
  readonly path: string;

  constructor(path: string, waitedMs: number, options?: { cause?: unknown }) {
    super(
      storeErrorCodes.StoreBusyError,
      `The SMS channel store at ${path} stayed locked by another process for about ${waitedMs} ms; giving up`,
      options,
    );
    this.name = 'StoreBusyError';
    this.path = path;
  }
}

/** A call on a store after `close()`. */
export class StoreClosedError extends StoreError {
  constructor(path: string) {
    super(storeErrorCodes.StoreClosedError, `The SMS channel store at ${path} is closed`);
    this.name = 'StoreClosedError';
  }
}

/** An argument a caller passed is unusable (an empty id, a payload that is not a JSON object...). */
export class StoreArgumentError extends StoreError {
  /** The name of the bad argument. */
  readonly argument: string;

  constructor(argument: string, detail: string, options?: { cause?: unknown }) {
    super(storeErrorCodes.StoreArgumentError, `Invalid ${argument}: ${detail}`, options);
    this.name = 'StoreArgumentError';
    this.argument = argument;
  }
}

/**
 * The database server cannot be reached, refused the connection or went away (PostgreSQL): nothing was
 * stored, or the outcome is unknown. A webhook should answer 503 so Twilio retries (its retry carries the
 * same MessageSid, which the store deduplicates). The message names the server, never the password.
 */
export class StoreUnavailableError extends StoreError {
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, detail: string, options?: { cause?: unknown }) {
    super(
      storeErrorCodes.StoreUnavailableError,
      `The SMS channel store's database at ${host}:${port} is unavailable: ${detail}`,
      options,
    );
    this.name = 'StoreUnavailableError';
    this.host = host;
    this.port = port;
  }
}

/** Whether `value` is a `StoreOpenError` (of any copy of this package). */
export const isStoreOpenError = isStoreErrorWithCode<StoreOpenError>(storeErrorCodes.StoreOpenError);
/** Whether `value` is a `StoreCorruptError` (of any copy of this package). */
export const isStoreCorruptError = isStoreErrorWithCode<StoreCorruptError>(storeErrorCodes.StoreCorruptError);
/** Whether `value` is a `StoreForeignFileError` (of any copy of this package). */
export const isStoreForeignFileError = isStoreErrorWithCode<StoreForeignFileError>(
  storeErrorCodes.StoreForeignFileError,
);
/** Whether `value` is a `StoreVersionError` (of any copy of this package). */
export const isStoreVersionError = isStoreErrorWithCode<StoreVersionError>(storeErrorCodes.StoreVersionError);
/** Whether `value` is a `StoreBusyError` (of any copy of this package). */
export const isStoreBusyError = isStoreErrorWithCode<StoreBusyError>(storeErrorCodes.StoreBusyError);
/** Whether `value` is a `StoreClosedError` (of any copy of this package). */
export const isStoreClosedError = isStoreErrorWithCode<StoreClosedError>(storeErrorCodes.StoreClosedError);
/** Whether `value` is a `StoreArgumentError` (of any copy of this package). */
export const isStoreArgumentError = isStoreErrorWithCode<StoreArgumentError>(
  storeErrorCodes.StoreArgumentError,
);
/** Whether `value` is a `StoreUnavailableError` (of any copy of this package). */
export const isStoreUnavailableError = isStoreErrorWithCode<StoreUnavailableError>(
  storeErrorCodes.StoreUnavailableError,
);
