import { StoreArgumentError } from './errors.js';

/** Checks that an identifier argument is a non-empty string. */
export function requireText(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new StoreArgumentError(argument, 'expected a non-empty string');
  }
  return value;
}

/** Checks that a duration or count argument is a finite, non-negative integer. */
export function requireCount(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StoreArgumentError(argument, 'expected a non-negative integer');
  }
  return value;
}

/** Checks that a row id argument is an integer (an unknown one is then simply not found). */
export function requireId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new StoreArgumentError('id', 'expected an integer row id');
  }
  return value;
}
