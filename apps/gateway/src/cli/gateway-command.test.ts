import { ConfigParseError } from '@sms-channel/config';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import type { CliGatewayRequest } from './cli-context.js';

function fakeGateway(options: { closeFails?: boolean } = {}) {
  const requests: CliGatewayRequest[] = [];
  const events: string[] = [];
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  return {
    requests,
    events,
    started,
    startGateway: async (request: CliGatewayRequest) => {
      requests.push(request);
      events.push('started');
      markStarted();
      return {
        url: 'http://127.0.0.1:8790',
        close: async () => {
          events.push('closed');
          if (options.closeFails === true) throw new Error('store still busy');
        },
      };
    },
  };
}

describe('gateway', () => {
  it('starts with --config, --host and --port, runs until a signal, then closes and exits 0', async () => {
    const gateway = fakeGateway();
    let stop: (signal: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const running = runInProcess(
      ['gateway', '--config', '/etc/sms.json5', '--host', '0.0.0.0', '--port', '9000'],
      {
        env: { TWILIO_ACCOUNT_SID: 'AC1' },
        deps: { startGateway: gateway.startGateway },
        waitForShutdown: () => stopped,
      },
    );
    await gateway.started;
    await Promise.resolve();
    expect(gateway.events).toEqual(['started']);
    stop('SIGTERM');
    const run = await running;
    expect(run.exitCode).toBe(0);
    expect(gateway.events).toEqual(['started', 'closed']);
    expect(gateway.requests).toEqual([
      { configPath: '/etc/sms.json5', env: { TWILIO_ACCOUNT_SID: 'AC1' }, host: '0.0.0.0', port: 9000 },
    ]);
    expect(run.stderrLines).toEqual(['sms-channel: SIGTERM received, stopping the gateway']);
  });

  it('leaves host and port to the config when not given', async () => {
    const gateway = fakeGateway();
    await runInProcess(['gateway'], {
      deps: { startGateway: gateway.startGateway },
      waitForShutdown: async () => 'SIGINT',
    });
    expect(gateway.requests[0]).toMatchObject({ configPath: undefined, host: undefined, port: undefined });
  });

  it('exits 2 for a port that is not one', async () => {
    for (const port of ['http', '-1', '65536', '80.5']) {
      const gateway = fakeGateway();
      const run = await runInProcess(['gateway', '--port', port], {
        deps: { startGateway: gateway.startGateway },
      });
      expect(run.exitCode, port).toBe(2);
      expect(run.stderrLines, port).toEqual([
        `sms-channel: option '--port <n>' argument '${port}' is invalid. must be a TCP port from 0 to 65535 (0 picks a free one)`,
      ]);
      expect(gateway.requests).toEqual([]);
    }
  });

  it('exits 2 when the config cannot be used', async () => {
    const run = await runInProcess(['gateway'], {
      deps: {
        startGateway: () => Promise.reject(new ConfigParseError('/c.json5', 2, 5, 'invalid character')),
      },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      'sms-channel: /c.json5:2:5: invalid character (the config file must be JSON5)',
    ]);
  });

  it('exits 1 when it cannot listen', async () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8790'), {
      code: 'EADDRINUSE',
    });
    const run = await runInProcess(['gateway'], { deps: { startGateway: () => Promise.reject(inUse) } });
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual([
      'sms-channel: listen EADDRINUSE: address already in use 127.0.0.1:8790',
    ]);
  });

  it('exits 1 when it does not stop cleanly', async () => {
    const gateway = fakeGateway({ closeFails: true });
    const run = await runInProcess(['gateway'], {
      deps: { startGateway: gateway.startGateway },
      waitForShutdown: async () => 'SIGINT',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines.at(-1)).toBe('sms-channel: the gateway did not stop cleanly: store still busy');
  });
});
