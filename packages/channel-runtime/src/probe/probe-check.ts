export type ProbeCheckName = 'credentials' | 'sender' | 'webhook-url' | 'webhook-method';
export type ProbeCheckStatus = 'ok' | 'failed' | 'skipped';

/** One check of `probeAccount`, with a one-line detail that says what to change when it failed. */
export interface ProbeCheck {
  name: ProbeCheckName;
  status: ProbeCheckStatus;
  detail: string;
}

export const check = (name: ProbeCheckName, status: ProbeCheckStatus, detail: string): ProbeCheck => ({
  name,
  status,
  detail,
});
