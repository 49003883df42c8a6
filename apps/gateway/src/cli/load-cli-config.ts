import type { GatewayConfig } from '../app-config/load-gateway-config.js';
import type { CommandScope } from './command-scope.js';

/** The config of this run: `--config`, else `$SMS_CHANNEL_CONFIG`, else `~/.sms-channel/config.json5`. */
export function loadCliConfig(scope: CommandScope): Promise<GatewayConfig> {
  return scope.context.deps.loadConfig({ path: scope.globals.config, env: scope.context.env });
}
