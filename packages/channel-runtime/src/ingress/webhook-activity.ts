import type { LogFields, Logger } from '../logger.js';

/** How often the activity summary is logged. @default 60000 */
export const DEFAULT_SUMMARY_INTERVAL_MS = 60_000;

/**
 * What the webhook logs. One line per request is at `debug`: at thousands of requests per second, a line each
 * at `info` was most of a host's CPU (the OpenClaw host runs its secret-redaction regexes over every line a
 * plugin logs). At `info` there is one summary per interval, with counts per outcome; at `warn`, the first
 * refusal of each reason per interval (a misconfigured URL or token shows at once, a flood does not flood the log).
 */
export class WebhookActivity {
  readonly #logger: Logger;
  readonly #gauges: () => LogFields;
  #counts = new Map<string, number>();
  #warned = new Set<string>();
  #total = 0;

  /** `gauges`: more fields for each summary (e.g. the unverified-request peaks), read once per interval. */
  constructor(logger: Logger, gauges: () => LogFields = () => ({})) {
    this.#logger = logger;
    this.#gauges = gauges;
  }

  /** Records one answered request; `outcome` is its status and reason (`200`, `200 duplicate`, `403 bad-signature`). */
  record(status: number, reason: string | undefined, line: LogFields): void {
    const outcome = reason === undefined ? String(status) : `${status} ${reason}`;
    this.#total += 1;
    this.#counts.set(outcome, (this.#counts.get(outcome) ?? 0) + 1);
    if (status >= 400 && !this.#warned.has(outcome)) {
      this.#warned.add(outcome);
      this.#logger.warn(
        line,
        'webhook refused (further refusals for this reason are counted in the summary)',
      );
      return;
    }
    this.#logger.debug(line, status >= 400 ? 'webhook refused' : 'webhook');
  }

  /** Logs the counts since the last summary (nothing when there were no requests) and starts a new interval. */
  summarize(intervalMs: number): void {
    const gauges = this.#gauges();
    if (this.#total === 0) return;
    const outcomes = Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
    this.#logger.info(
      { requests: this.#total, seconds: Math.round(intervalMs / 1000), outcomes, ...gauges },
      `webhook: ${this.#total} request(s) in the last ${Math.round(intervalMs / 1000)} s`,
    );
    this.#counts = new Map();
    this.#warned = new Set();
    this.#total = 0;
  }
}
