import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@sms-channel/sandbox';

export const NUMBER = '+12025550100';
const AGENT = fileURLToPath(new URL('./e2e-agent.mjs', import.meta.url));
export const LONG_REPLY_FILE = fileURLToPath(new URL('./long-reply.md', import.meta.url));

/** A config file for a gateway on `port` talking to `sandbox`, with the e2e command agent. */
export function writeE2eConfig(
  sandbox: Pick<Sandbox, 'url' | 'accountSid' | 'authToken'>,
  port: number,
  sms: Record<string, unknown> = {},
): { file: string; dir: string; stateDir: string; agentRunsFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sms-gateway-e2e-'));
  const stateDir = join(dir, 'state');
  // How many times the agent answered "counted" (see e2e-agent.mjs).
  const agentRunsFile = join(dir, 'agent-runs');
  const config = {
    channels: {
      sms: {
        accountSid: sandbox.accountSid,
        authToken: sandbox.authToken,
        fromNumber: NUMBER,
        publicWebhookUrl: `http://127.0.0.1:${port}/webhooks/sms`,
        twilioApiBaseUrl: sandbox.url,
        dmPolicy: 'pairing',
        ...sms,
      },
    },
    agent: {
      kind: 'command',
      command: process.execPath,
      args: [AGENT, LONG_REPLY_FILE, agentRunsFile],
      timeoutMs: 20_000,
    },
    gateway: { host: '127.0.0.1', port, stateDir, claimLeaseMs: 2000, logLevel: 'info' },
  };
  const file = join(dir, 'config.json5');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, dir, stateDir, agentRunsFile };
}
