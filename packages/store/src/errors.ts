/**
 * Every failure this package throws is a `StoreError`, so callers can catch the package's errors as one
 * family and still branch on the subclass (or on the stable `code`). Expected outcomes (a duplicate admit,
 * a stale delivery status, an empty queue) are values, never errors.
 */
export class StoreError extends Error {
  /** Stable, machine-readable identifier of the failure. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** The file could not be opened or created (missing permission, a folder in the way, a full disk...). */
export class StoreOpenError extends StoreError {
  /** The store file, as given to `openStore`. */
  readonly path: string;

  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super('STORE_OPEN_FAILED', `Cannot open the SMS channel store at ${path}: ${detail}`, options);
    this.name = 'StoreOpenError';
    this.path = path;
  }
}

/** The file is not a readable SQLite database (damaged, truncated, or some other kind of file). */
export class StoreCorruptError extends StoreError {
  readonly path: string;

  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(
      'STORE_CORRUPT',
      `The SMS channel store at ${path} is damaged or not a SQLite database (${detail}); it was left untouched. ` +
        'Move it aside to start afresh, or restore it from a backup.',
      options,
    );
    this.name = 'StoreCorruptError';
    this.path = path;
  }
}

/** The file is a healthy SQLite database that belongs to some other application. */
export class StoreForeignFileError extends StoreError {
  readonly path: string;

  constructor(path: string, detail: string) {
    super(
      'STORE_FOREIGN_FILE',
      `The file at ${path} is a SQLite database of another application (${detail}); it was left untouched. ` +
        'Point the store at another path.',
    );
    this.name = 'StoreForeignFileError';
    this.path = path;
  }
}

/** The file was written by a newer release of this package, whose schema this release does not know. */
export class StoreVersionError extends StoreError {
  readonly path: string;
  /** The schema version found in the file. */
  readonly foundVersion: number;
  /** The newest schema version this release knows. */
  readonly supportedVersion: number;

  constructor(path: string, foundVersion: number, supportedVersion: number) {
    super(
      'STORE_VERSION_UNSUPPORTED',
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
      'STORE_BUSY',
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
    super('STORE_CLOSED', `The SMS channel store at ${path} is closed`);
    this.name = 'StoreClosedError';
  }
}

/** An argument a caller passed is unusable (an empty id, a payload that is not a JSON object...). */
export class StoreArgumentError extends StoreError {
  /** The name of the bad argument. */
  readonly argument: string;

  constructor(argument: string, detail: string, options?: { cause?: unknown }) {
    super('STORE_INVALID_ARGUMENT', `Invalid ${argument}: ${detail}`, options);
    this.name = 'StoreArgumentError';
    this.argument = argument;
  }
}
