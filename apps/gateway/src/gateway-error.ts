/**
 * Base of every failure the gateway throws: `name`, a stable machine-readable `code`, and the `cause`.
 * The app (not the libraries) turns these into HTTP statuses, log lines and exit codes.
 */
export class GatewayError extends Error {
  /** Stable identifier of the failure, e.g. `TWILIO_SEND_FAILED`. */
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
  }
}
