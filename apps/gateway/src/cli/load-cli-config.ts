import type { GatewayConfig } from '../app-config/load-gateway-config.js';
import type { SecretsMode } from '../app-config/resolve-gateway-accounts.js';
import type { CommandScope } from './command-scope.js';

/**
 * The config of this run: `--config`, else `$SMS_CHANNEL_CONFIG`, else `~/.sms-channel/config.json5`.
 * Commands that never call Twilio pass `secrets: 'optional'`, so they work in a shell that does not hold the
 * gateway's secrets (an unset `TWILIO_AUTH_TOKEN` behind an env secret ref is a warning, not a failure).
 */
export function loadCliConfig(
  scope: CommandScope,
  options: { secrets?: SecretsMode } = {},
): Promise<GatewayConfig> {
  return scope.context.deps.loadConfig({
    path: scope.globals.config,
    env: scope.context.env,
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
  });
}
