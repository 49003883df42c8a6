import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '@sms-channel/sandbox';

/** A TCP port that was free a moment ago (the gateway's public URL must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Writes a gateway config file for the sandbox's account (state in `<dir>/state`) into `extra.dir`, else a
 * fresh temp dir; returns its path.
 */
export function writeGatewayConfig(
  sandbox: Pick<Sandbox, 'url' | 'accountSid' | 'authToken'>,
  port: number,
  extra: {
    agent?: unknown;
    gateway?: Record<string, unknown>;
    sms?: Record<string, unknown>;
    dir?: string;
  } = {},
): { file: string; dir: string; stateDir: string } {
  const dir = extra.dir ?? mkdtempSync(join(tmpdir(), 'sms-gateway-'));
  const stateDir = join(dir, 'state');
  const config = {
    channels: {
      sms: {
        accountSid: sandbox.accountSid,
        authToken: sandbox.authToken,
        fromNumber: '+12025550100',
        publicWebhookUrl: `http://127.0.0.1:${port}/webhooks/sms`,
        twilioApiBaseUrl: sandbox.url,
        ...extra.sms,
      },
    },
    agent: extra.agent ?? { kind: 'echo' },
    gateway: { host: '127.0.0.1', port, stateDir, logLevel: 'silent', ...extra.gateway },
  };
  const file = join(dir, 'config.json5');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, dir, stateDir };
}
