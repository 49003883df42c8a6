import type { SandboxEvent } from './sandbox-event.js';

/** One log line for the CLI per event worth seeing; null for the rest. Bodies are shortened, never secrets. */
export function describeEvent(event: SandboxEvent): string | null {
  switch (event.type) {
    case 'message.created': {
      const { message } = event;
      const arrow = message.direction === 'inbound' ? 'handset -> number' : `${message.direction}`;
      return `[message] ${message.sid} ${arrow} ${message.from ?? '(service)'} -> ${message.to}: ${quote(message.body)}`;
    }
    case 'message.updated':
      return `[status]  ${event.message.sid} ${event.message.status}${event.message.errorCode ? ` (error ${event.message.errorCode})` : ''}`;
    case 'webhook.attempt': {
      const { attempt } = event;
      const result = attempt.ok ? `HTTP ${attempt.status}` : `FAILED ${attempt.error}`;
      return `[webhook] ${attempt.kind} ${attempt.messageSid} #${attempt.attempt} ${attempt.url} -> ${result} in ${attempt.durationMs} ms`;
    }
    case 'alert':
      return `[alert]   ${event.alert.errorCode} ${event.alert.messageSid} ${event.alert.url}: ${event.alert.detail}`;
    case 'cdn.request': {
      const { request } = event;
      const credentials =
        request.headers.authorization === undefined ? '' : ' (with an Authorization header)';
      return `[cdn]     ${request.method} ${request.url} -> ${request.status ?? 'dropped'}${credentials}`;
    }
    case 'opt-out.changed':
      return `[opt-out] ${event.handset} ${event.optedOut ? 'unsubscribed from' : 'resubscribed to'} ${event.scope}`;
    default:
      return null;
  }
}

function quote(body: string): string {
  const flat = body.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 57)}...` : flat);
}
