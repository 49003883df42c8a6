import { describe, expect, it } from 'vitest';
import { createHostLogger, formatHostLine } from './host-logger.js';

function sink() {
  const lines: { level: string; text: string }[] = [];
  const at = (level: string) => (text: string) => lines.push({ level, text });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } };
}

describe('createHostLogger', () => {
  it("writes each line to the host's sink at its level, as the message and key=value fields", () => {
    const { lines, log } = sink();
    const logger = createHostLogger(log);
    logger.info({ accountId: 'default', status: 200 }, 'webhook');
    logger.warn({ reason: 'bad signature' }, 'webhook refused');
    expect(lines).toEqual([
      { level: 'info', text: 'webhook accountId=default status=200' },
      { level: 'warn', text: 'webhook refused reason="bad signature"' },
    ]);
  });

  it('masks secrets as the standalone gateway does', () => {
    const { lines, log } = sink();
    createHostLogger(log).info({ account: { authToken: 'f4cec0de' } }, 'account');
    expect(lines[0]?.text).not.toContain('f4cec0de');
    expect(lines[0]?.text).toContain('[redacted]');
  });

  it('shortens an error to its type and message', () => {
    const { lines, log } = sink();
    createHostLogger(log).error({ err: new TypeError('boom') }, 'failed');
    expect(lines).toEqual([{ level: 'error', text: 'failed err="TypeError: boom"' }]);
  });
});

describe('formatHostLine', () => {
  it('leaves out undefined fields and quotes strings with spaces', () => {
    expect(formatHostLine({ a: undefined, b: 'x y', c: 3 }, 'line')).toBe('line b="x y" c=3');
  });

  it('sends debug lines to the sink only when it has a debug level', () => {
    const { lines, log } = sink();
    createHostLogger(log).debug({ status: 200 }, 'webhook');
    createHostLogger({ info: log.info, warn: log.warn, error: log.error }).debug({ status: 200 }, 'webhook');
    expect(lines).toEqual([{ level: 'debug', text: 'webhook status=200' }]);
  });
});
