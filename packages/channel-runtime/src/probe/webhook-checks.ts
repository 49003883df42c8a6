import type { InboundRoute } from './inbound-route.js';
import type { ProbeCheck } from './probe-check.js';

function fix(route: InboundRoute, change: string): string {
  return route.alternative === undefined ? change : `${change}, or ${route.alternative}`;
}

/**
 * Where Twilio will post texts against `publicWebhookUrl`, the URL the gateway checks signatures against.
 * Twilio signs "the full URL of your webhook as configured", so they must be the same string.
 */
export function webhookUrlCheck(route: InboundRoute, configured: string | undefined): ProbeCheck {
  const name = 'webhook-url';
  if (configured === undefined) {
    return { name, status: 'skipped', detail: 'publicWebhookUrl is not set: nothing to compare with' };
  }
  const { subject, url } = route;
  if (url === null || url === '') {
    const detail = `${subject} has no SMS webhook URL; ${fix(route, `set ${route.urlSetting} to ${configured}`)}`;
    return { name, status: 'failed', detail };
  }
  if (url === configured) return { name, status: 'ok', detail: `${subject} posts texts to ${configured}` };
  const detail = `${subject} posts texts to ${url}, not publicWebhookUrl ${configured}; ${fix(route, `set ${route.urlSetting} to ${configured}`)}`;
  return { name, status: 'failed', detail };
}

/** The gateway's webhook accepts POST only (any other method is answered 405), as Twilio's default is. */
export function webhookMethodCheck(route: InboundRoute): ProbeCheck {
  const name = 'webhook-method';
  const { subject, method } = route;
  if (method === 'POST') return { name, status: 'ok', detail: `${subject} posts texts with HTTP POST` };
  const detail = `${subject} sends texts with HTTP ${method}, which the gateway answers with 405; ${fix(route, `set ${route.methodSetting} to HTTP POST`)}`;
  return { name, status: 'failed', detail };
}
