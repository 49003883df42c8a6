import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@sms-channel/sandbox';
import { writeGatewayConfig } from '../../runtime/__fixtures__/gateway-setup.js';

export const NUMBER = '+12025550100';
const AGENT = fileURLToPath(new URL('./e2e-agent.mjs', import.meta.url));
/** A ~3,000-character markdown reply (the one the channel runtime's reply tests cut into parts). */
export const LONG_REPLY_FILE = fileURLToPath(
  new URL('../../../../../packages/channel-runtime/src/reply/__fixtures__/long-reply.md', import.meta.url),
);

/** A config file for a gateway on `port` talking to `sandbox`, with the e2e command agent. */
export function writeE2eConfig(
  sandbox: Pick<Sandbox, 'url' | 'accountSid' | 'authToken'>,
  port: number,
  sms: Record<string, unknown> = {},
): { file: string; dir: string; stateDir: string; agentRunsFile: string; hangMarkerFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sms-gateway-e2e-'));
  // How many times the agent answered "counted", and the file a "hang-once" turn writes when it starts hanging
  // (see e2e-agent.mjs).
  const agentRunsFile = join(dir, 'agent-runs');
  const hangMarkerFile = join(dir, 'agent-hanging');
  const { file, stateDir } = writeGatewayConfig(sandbox, port, {
    dir,
    sms: { fromNumber: NUMBER, dmPolicy: 'pairing', ...sms },
    agent: {
      kind: 'command',
      command: process.execPath,
      args: [AGENT, LONG_REPLY_FILE, agentRunsFile, hangMarkerFile],
      timeoutMs: 20_000,
    },
    gateway: { claimLeaseMs: 2000, logLevel: 'debug' },
  });
  return { file, dir, stateDir, agentRunsFile, hangMarkerFile };
}
