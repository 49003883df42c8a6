import { GatewayError } from '../gateway-error.js';

/** An account the plugin was asked to start or send through cannot be used (bad config, missing settings). */
export class SmsAccountUnusableError extends GatewayError {
  readonly accountId: string;

  constructor(accountId: string, reason: string) {
    super('SMS_ACCOUNT_UNUSABLE', `SMS account "${accountId}" cannot be used: ${reason}`);
    this.name = 'SmsAccountUnusableError';
    this.accountId = accountId;
  }
}

/** The host has not handed the plugin its runtime (`setRuntime`) yet: there is no state directory to use. */
export class HostRuntimeMissingError extends GatewayError {
  constructor(what: string) {
    super('OPENCLAW_RUNTIME_MISSING', `the OpenClaw runtime is not available (${what})`);
    this.name = 'HostRuntimeMissingError';
  }
}

/** The recipient texted STOP: the plugin sends nothing to them until they text START. */
export class RecipientOptedOutError extends GatewayError {
  readonly to: string;

  constructor(accountId: string, to: string) {
    super('SMS_RECIPIENT_OPTED_OUT', `${to} opted out of texts from account "${accountId}" (texted STOP)`);
    this.name = 'RecipientOptedOutError';
    this.to = to;
  }
}

/** A message with nothing left to send once its markdown is turned into SMS text. */
export class EmptySmsTextError extends GatewayError {
  constructor() {
    super('SMS_TEXT_EMPTY', 'the message is empty once formatted as SMS text: nothing was sent');
    this.name = 'EmptySmsTextError';
  }
}
