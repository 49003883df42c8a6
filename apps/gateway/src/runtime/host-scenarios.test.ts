import { runHostScenarios, scenarioReply } from '@sms-channel/channel-runtime/testing';
import { createPairing } from '@sms-channel/phone-policy';
import { createSandbox, type Sandbox } from '@sms-channel/sandbox';
import { afterAll, beforeAll } from 'vitest';
import { freePort, writeGatewayConfig } from './__fixtures__/gateway-setup.js';
import { startGateway } from './start-gateway.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterAll(() => sandbox.stop());

runHostScenarios('the standalone gateway (startGateway)', async () => {
  sandbox.admin.reset();
  const port = await freePort();
  const { file } = writeGatewayConfig(sandbox, port);
  sandbox.admin.setSmsUrl('+12025550100', `http://127.0.0.1:${port}/webhooks/sms`);
  let turns = 0;
  const gateway = await startGateway({
    configPath: file,
    env: {},
    pollIntervalMs: 50,
    agent: {
      kind: 'scenario',
      reply: async (turn) => {
        turns += 1;
        return { text: scenarioReply(turn.text) };
      },
    },
  });
  return {
    twilio: sandbox,
    turns: () => turns,
    approve: async (code) => {
      await createPairing({ store: gateway.store.pairing }).approve('default', code);
    },
    stop: () => gateway.close(),
  };
});
