import {
  runHostScenarios,
  type ScenarioMedia,
  scenarioReply,
  scenarioReplyMedia,
} from '@sms-channel/channel-runtime/testing';
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
  const media: ScenarioMedia[][] = [];
  const texts: string[] = [];
  const gateway = await startGateway({
    configPath: file,
    env: {},
    pollIntervalMs: 50,
    agent: {
      kind: 'scenario',
      reply: async (turn) => {
        turns += 1;
        media.push(turn.media.map(({ path, contentType }) => ({ path, contentType })));
        texts.push(turn.text);
        return {
          text: scenarioReply(turn.text),
          media: scenarioReplyMedia(turn.text).map((path) => ({ path })),
        };
      },
    },
  });
  return {
    twilio: sandbox,
    turns: () => turns,
    turnMedia: () => media,
    turnTexts: () => texts,
    approve: async (code) => {
      await createPairing({ store: gateway.store.pairing }).approve('default', code);
    },
    stop: () => gateway.close(),
  };
});
