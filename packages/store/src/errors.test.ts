import { describe, expect, it } from 'vitest';
import {
  isStoreArgumentError,
  isStoreBusyError,
  isStoreClosedError,
  isStoreError,
  isStoreUnavailableError,
  StoreArgumentError,
  StoreBusyError,
  type StoreError,
  StoreUnavailableError,
} from './errors.js';

/** What another copy of the package (its CJS build, a bundled plugin) makes: same marker, another class. */
function foreignCopyOf(error: StoreError): Error {
  const copy = new Error(error.message);
  Object.defineProperty(copy, Symbol.for('sms-channel.store.error'), { value: true });
  return Object.assign(copy, { name: error.name, code: error.code });
}

describe('store error identity', () => {
  it("recognises the package's errors by their marker, whatever their class", () => {
    const error = new StoreBusyError('/x/store.db', 10);
    expect(isStoreError(error)).toBe(true);
    expect(isStoreError(foreignCopyOf(error))).toBe(true);
  });

  it('recognises each named failure by its code, and no other', () => {
    const busy = foreignCopyOf(new StoreBusyError('/x/store.db', 10));
    expect(isStoreBusyError(busy)).toBe(true);
    expect(isStoreClosedError(busy)).toBe(false);
    expect(isStoreArgumentError(new StoreArgumentError('sender', 'empty'))).toBe(true);
  });

  it('does not take an error of the same name and code but without the marker for one of ours', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'StoreBusyError', code: 'STORE_BUSY' });
    expect(isStoreError(lookalike)).toBe(false);
    expect(isStoreBusyError(lookalike)).toBe(false);
    expect(isStoreError(null)).toBe(false);
    expect(isStoreError('STORE_BUSY')).toBe(false);
  });

  it('names the unavailable database server but nothing else of its connection', () => {
    const error = new StoreUnavailableError('db.internal', 5432, 'connection refused');
    expect(isStoreUnavailableError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'StoreUnavailableError', host: 'db.internal', port: 5432 });
    expect(error.message).toBe(
      "The SMS channel store's database at db.internal:5432 is unavailable: connection refused",
    );
  });
});
