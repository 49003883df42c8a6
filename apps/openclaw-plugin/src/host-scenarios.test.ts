import { runHostScenarios, scenarioReply } from '@sms-channel/channel-runtime/testing';
import { createSandbox, type Sandbox } from '@sms-channel/sandbox';
import { afterAll, beforeAll } from 'vitest';
import { startPluginAccount } from './__fixtures__/running-account.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterAll(() => sandbox.stop());

runHostScenarios('the OpenClaw plugin (runSmsAccount in a stand-in host)', async () => {
  let turns = 0;
  const running = await startPluginAccount(sandbox, (text) => {
    turns += 1;
    return scenarioReply(text);
  });
  return {
    twilio: sandbox,
    turns: () => turns,
    approve: async (code) => {
      running.host.approve(code);
    },
    stop: running.stop,
  };
});
