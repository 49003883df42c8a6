import { runHostScenarios, scenarioReply, scenarioReplyMedia } from '@sms-channel/channel-runtime/testing';
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
    return { text: scenarioReply(text), mediaUrls: scenarioReplyMedia(text) };
  });
  return {
    twilio: sandbox,
    turns: () => turns,
    // What the host's agent was given: the context built for each turn (the raw SMS text, the media facts).
    turnMedia: () =>
      running.channelRuntime.contexts.map((context) =>
        (context.media ?? []).map(({ path, contentType }) => ({ path, contentType })),
      ),
    turnTexts: () => running.channelRuntime.contexts.map((context) => context.message.rawBody),
    approve: async (code) => {
      running.host.approve(code);
    },
    stop: running.stop,
  };
});
