/**
 * @module @sms-channel/channel-runtime/testing
 * Test helpers for hosts and agents built on the runtime: the contract suites every implementation of a seam
 * runs, a probe API answering from data, and a logger that records its lines. Needs vitest (an optional peer
 * dependency); production code never loads it.
 */
export { createFakeProbeApi, type FakeTwilio } from './fake-probe-api.js';
export {
  type HostUnderTest,
  runHostScenarios,
  SCENARIO_PICTURE,
  type ScenarioCdnFault,
  type ScenarioMedia,
  type ScenarioMessage,
  type ScenarioTwilio,
  scenarioReply,
  scenarioReplyMedia,
} from './host-scenarios.js';
export { createRecordingLogger, type RecordedLine, type RecordingLogger } from './recording-logger.js';
export { runSenderAccessContract, type SenderAccessFixture } from './sender-access-contract.js';
