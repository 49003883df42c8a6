import type { ProbeApi } from '@sms-channel/channel-runtime';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { GatewayStore } from '@sms-channel/store';
import type { GatewayConfig } from '../app-config/load-gateway-config.js';
import type { SecretsMode } from '../app-config/resolve-gateway-accounts.js';

/** Environment variables as the process has them. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** One SMS the CLI sends (a `message send` part, the "approved" note). */
export interface CliSmsRequest {
  account: ResolvedSmsAccount;
  /** E.164 recipient. */
  to: string;
  body: string;
  /** Public URLs of media sent with this SMS (MMS), checked against Twilio's limits already. */
  mediaUrls?: readonly string[] | undefined;
}

/** What Twilio answered for an accepted message. */
export interface CliSmsResult {
  sid: string;
  status: string | undefined;
}

/** How `sms-channel gateway` starts the server. */
export interface CliGatewayRequest {
  /** `--config`, else the default path. */
  configPath: string | undefined;
  env: CliEnv;
  /** `--host`, overriding `gateway.host`. */
  host: string | undefined;
  /** `--port`, overriding `gateway.port`. */
  port: number | undefined;
}

/** A running gateway, as the CLI needs it. */
export interface CliRunningGateway {
  readonly url: string;
  /** Stops accepting, finishes or releases in-flight work, closes the store. */
  close(): Promise<void>;
}

/**
 * What the commands do their work with. `createCliDependencies` wires the real gateway; tests swap single
 * members (a recording SMS sender, a fake gateway) and keep the rest real.
 */
export interface CliDependencies {
  /**
   * Reads and validates the config file and resolves the accounts (`secrets: 'optional'`: unreadable secret
   * refs are left out with a warning instead of failing; see `loadGatewayConfig`).
   */
  loadConfig(options: {
    path: string | undefined;
    env: CliEnv;
    secrets?: SecretsMode;
  }): Promise<GatewayConfig>;
  /** Opens the gateway's store the way the gateway does (`openGatewayStore`), without its thread. */
  openStore(config: GatewayConfig): Promise<GatewayStore>;
  /** Sends one SMS through Twilio (retrying 429/5xx); throws when Twilio refuses it. */
  sendSms(request: CliSmsRequest): Promise<CliSmsResult>;
  /**
   * The Twilio REST calls `channels status --probe` makes, for one account, each request ending after
   * `timeoutMs` (the probe's own bound, so an abandoned request does not outlive it).
   */
  createProbeApi(account: ResolvedSmsAccount, options: { timeoutMs: number }): Promise<ProbeApi>;
  startGateway(request: CliGatewayRequest): Promise<CliRunningGateway>;
  /** Clock, ms since the epoch. */
  now(): number;
  /**
   * Releases what the run opened (Twilio connections, in flight or kept alive), so the process exits as soon
   * as the command is done. Called once by `runCli`, whatever the outcome.
   */
  close(): Promise<void>;
}

/** Where a run of the CLI reads and writes: the real process, or a test's buffers. */
export interface CliContext {
  /** Writes one line (without its newline) to standard output. */
  out(line: string): void;
  /** Writes one line (without its newline) to standard error. */
  err(line: string): void;
  env: CliEnv;
  /** Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM). */
  waitForShutdown(): Promise<string>;
  deps: CliDependencies;
}
