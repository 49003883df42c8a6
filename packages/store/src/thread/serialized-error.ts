/**
 * Errors crossing the store thread. Structured cloning keeps an `Error`'s message but not its class, its `code`
 * or fields such as `path`, so a failure is sent as plain data and rebuilt on the calling thread as the
 * store's own error class: `isStoreBusyError(error)`, `error.path` and `instanceof StoreBusyError` all hold
 * there as they would on one thread.
 */
import {
  isStoreError,
  StoreArgumentError,
  StoreBusyError,
  StoreClosedError,
  StoreCorruptError,
  StoreError,
  StoreForeignFileError,
  StoreOpenError,
  StoreUnavailableError,
  StoreVersionError,
  storeErrorCodes,
} from '../errors.js';

/** An error as data: its name, message, `code` and own scalar fields (`path`, `argument`, `foundVersion`...). */
export interface SerializedError {
  name: string;
  message: string;
  code: string | undefined;
  /** True when it was one of this package's errors. */
  store: boolean;
  fields: Record<string, string | number | boolean>;
  stack: string | undefined;
}

const classes: Record<string, { prototype: StoreError }> = {
  [storeErrorCodes.StoreOpenError]: StoreOpenError,
  [storeErrorCodes.StoreCorruptError]: StoreCorruptError,
  [storeErrorCodes.StoreForeignFileError]: StoreForeignFileError,
  [storeErrorCodes.StoreVersionError]: StoreVersionError,
  [storeErrorCodes.StoreBusyError]: StoreBusyError,
  [storeErrorCodes.StoreClosedError]: StoreClosedError,
  [storeErrorCodes.StoreArgumentError]: StoreArgumentError,
  [storeErrorCodes.StoreUnavailableError]: StoreUnavailableError,
};

const inherentKeys = new Set(['name', 'message', 'code', 'stack', 'cause']);

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) {
    return {
      name: 'Error',
      message: String(error),
      code: undefined,
      store: false,
      fields: {},
      stack: undefined,
    };
  }
  const fields: SerializedError['fields'] = {};
  for (const [key, value] of Object.entries(error)) {
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (scalar && !inherentKeys.has(key)) fields[key] = value;
  }
  const { code } = error as { code?: unknown };
  return {
    name: error.name,
    message: error.message,
    code: typeof code === 'string' ? code : undefined,
    store: isStoreError(error),
    fields,
    stack: error.stack,
  };
}

/** Rebuilds an error sent by `serializeError`: the store's own class for its errors, an `Error` otherwise. */
export function reviveError(data: SerializedError): Error {
  let error: Error;
  if (data.store && data.code !== undefined) {
    error = new StoreError(data.code, data.message);
    const known = classes[data.code];
    if (known !== undefined) Object.setPrototypeOf(error, known.prototype);
  } else {
    error = new Error(data.message);
    if (data.code !== undefined) Object.assign(error, { code: data.code });
  }
  error.name = data.name;
  Object.assign(error, data.fields);
  // The thread's stack says where it failed; the calling thread's own frames would only show the message port.
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}
