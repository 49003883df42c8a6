import { StoreArgumentError } from './errors.js';

/** A value that survives `JSON.stringify` then `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: what an inbound payload is (typically the parsed webhook form). */
export type JsonObject = { [key: string]: JsonValue };

/** Serialises an inbound payload, refusing anything that would not come back as the same JSON object. */
export function encodePayload(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new StoreArgumentError('payload', 'expected a JSON object (for example the parsed webhook form)');
  }
  try {
    return JSON.stringify(payload);
  } catch (cause) {
    throw new StoreArgumentError('payload', 'it cannot be serialised as JSON', { cause });
  }
}

/** Parses a payload this package wrote. */
export function decodePayload(text: string): JsonObject {
  return JSON.parse(text) as JsonObject;
}
