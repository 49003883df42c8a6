/**
 * @module @sms-channel/channel-runtime/testing
 * Test helpers for hosts and agents built on the runtime: a probe API answering from data, and a logger that
 * records its lines.
 */
export { createFakeProbeApi, type FakeTwilio } from './fake-probe-api.js';
export { createRecordingLogger, type RecordedLine, type RecordingLogger } from './recording-logger.js';
