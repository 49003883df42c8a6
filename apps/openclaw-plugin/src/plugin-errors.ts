import { ChannelRuntimeError } from '@sms-channel/channel-runtime';

/** The host has not handed the plugin its runtime (`setRuntime`) yet: there is no state directory to use. */
export class HostRuntimeMissingError extends ChannelRuntimeError {
  constructor(what: string) {
    super('OPENCLAW_RUNTIME_MISSING', `the OpenClaw runtime is not available (${what})`);
    this.name = 'HostRuntimeMissingError';
  }
}
