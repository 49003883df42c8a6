import { SandboxInputError } from './errors.js';
import type { FaultInput, FaultRule } from './fault-rules.js';
import { httpUrlProblem } from './http-url.js';
import type { SandboxContext } from './sandbox-context.js';
import type { CdnRequest, SandboxAlert, WebhookAttempt } from './sandbox-event.js';
import type { SandboxNumber } from './sandbox-options.js';

/** Control of the sandbox for tests and demos: faults, webhook URLs, logs, reset. */
export interface SandboxAdmin {
  /** Adds a fault, e.g. `{ route: 'messages.create', kind: 'status', status: 429, retryAfterSeconds: 2, times: 1 }`. */
  addFault(fault: FaultInput): FaultRule;
  removeFault(id: string): boolean;
  clearFaults(): void;
  faults(): FaultRule[];
  /** Points a number's `sms_url` somewhere else (null: inbound SMS are only stored). */
  setSmsUrl(phoneNumber: string, url: string | null): SandboxNumber;
  /** Every webhook attempt (inbound and status callbacks), oldest first, the last 1,000. */
  webhookAttempts(): WebhookAttempt[];
  /** Twilio-style alerts (11200, 12300...), oldest first, the last 1,000. */
  alerts(): SandboxAlert[];
  /**
   * Every request the media CDN got, headers included (an `authorization` header would show here), oldest
   * first, the last 1,000.
   */
  cdnRequests(): CdnRequest[];
  /** Forgets messages, media, opt-outs, faults, logs and added handsets; numbers and their URLs stay. */
  reset(): void;
}

/** Creates the admin API over a sandbox context. */
export function createSandboxAdmin(context: SandboxContext): SandboxAdmin {
  return {
    addFault: (fault) => context.faults.add(fault),
    removeFault: (id) => context.faults.remove(id),
    clearFaults: () => context.faults.clear(),
    faults: () => context.faults.list(),
    setSmsUrl(phoneNumber, url) {
      const number = context.numbers.get(phoneNumber);
      if (!number)
        throw new SandboxInputError('phoneNumber', `${phoneNumber} is not one of the sandbox's numbers`);
      const problem = url === null ? undefined : httpUrlProblem(url);
      if (problem !== undefined) throw new SandboxInputError('smsUrl', problem);
      number.smsUrl = url;
      context.events.emit({
        type: 'numbers.changed',
        numbers: [...context.numbers.values()].map((n) => ({ ...n })),
      });
      return { ...number };
    },
    webhookAttempts: () => context.webhookAttempts.map((attempt) => ({ ...attempt })),
    alerts: () => context.alerts.map((alert) => ({ ...alert })),
    cdnRequests: () => context.cdnRequests.map((request) => structuredClone(request)),
    reset() {
      context.messages.clear();
      context.media.clear();
      context.cdnRequests.length = 0;
      context.optOuts.clear();
      context.faults.clear();
      context.alerts.length = 0;
      context.webhookAttempts.length = 0;
      for (const phoneNumber of context.handsets.keys()) {
        if (!context.options.handsets.some((handset) => handset.phoneNumber === phoneNumber)) {
          context.handsets.delete(phoneNumber);
        }
      }
      context.events.emit({ type: 'reset' });
    },
  };
}
