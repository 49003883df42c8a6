import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import { createTempConfig, type TempConfig } from './__fixtures__/temp-config.js';
import { OperationFailedError } from './cli-error.js';

describe('runCli', () => {
  let temp: TempConfig | undefined;
  afterEach(async () => {
    await temp?.remove();
    temp = undefined;
  });

  it('prints the help on stdout and exits 0 for --help', async () => {
    const run = await runInProcess(['--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: sms-channel');
    for (const verb of ['gateway', 'pairing', 'queue', 'message', 'channels', 'config'])
      expect(run.stdout).toContain(verb);
    expect(run.stderr).toBe('');
  });

  it('has --help on every subcommand', async () => {
    for (const argv of [
      ['gateway', '--help'],
      ['pairing', 'list', '--help'],
      ['pairing', 'approve', '--help'],
      ['pairing', 'allowed', '--help'],
      ['pairing', 'revoke', '--help'],
      ['queue', 'list', '--help'],
      ['queue', 'retry', '--help'],
      ['message', 'send', '--help'],
      ['channels', 'capabilities', '--help'],
      ['channels', 'status', '--help'],
      ['config', 'patch', '--help'],
      ['config', 'validate', '--help'],
    ]) {
      const run = await runInProcess(argv);
      expect(run.exitCode, argv.join(' ')).toBe(0);
      expect(run.stdout, argv.join(' ')).toContain(`Usage: sms-channel ${argv.slice(0, -1).join(' ')}`);
    }
  });

  it('prints the package version for --version', async () => {
    const run = await runInProcess(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with one line on stderr for an unknown command', async () => {
    const run = await runInProcess(['sned']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([expect.stringMatching(/^sms-channel: unknown command 'sned'/)]);
  });

  it('exits 2 for an unknown option and keeps the suggestion on the same line', async () => {
    const run = await runInProcess(['channels', 'capabilities', '--jsn']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual(["sms-channel: unknown option '--jsn' (Did you mean --json?)"]);
  });

  it('exits 2 for a missing argument', async () => {
    const run = await runInProcess(['pairing', 'approve', 'sms']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual(["sms-channel: missing required argument 'code'"]);
  });

  it('exits 2 for a command group without its verb, showing the group help on stderr', async () => {
    const run = await runInProcess(['pairing']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Usage: sms-channel pairing');
    expect(run.stdout).toBe('');
  });

  it('reports a failed command in one line, without a stack trace', async () => {
    const run = await runInProcess(['config', 'validate'], {
      deps: { loadConfig: () => Promise.reject(new OperationFailedError('disk on fire\nsecond line')) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual(['sms-channel: disk on fire: second line']);
  });

  it('adds the stack trace when DEBUG is set', async () => {
    const run = await runInProcess(['config', 'validate'], {
      env: { DEBUG: '1' },
      deps: { loadConfig: () => Promise.reject(new OperationFailedError('disk on fire')) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines[0]).toBe('sms-channel: disk on fire');
    expect(run.stderr).toMatch(/at .*\.ts/);
  });

  it('exits 1 for an unexpected error (not bad input)', async () => {
    const run = await runInProcess(['config', 'validate'], {
      deps: { loadConfig: () => Promise.reject(new TypeError('boom')) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual(['sms-channel: boom']);
  });

  it('closes what the run opened once the command is done, whether it succeeded or failed', async () => {
    const closed: number[] = [];
    const close = async () => {
      closed.push(1);
    };
    const failing = await runInProcess(['config', 'validate'], {
      deps: { loadConfig: () => Promise.reject(new OperationFailedError('disk on fire')), close },
    });
    const usage = await runInProcess(['sned'], { deps: { close } });
    const help = await runInProcess(['--help'], { deps: { close } });
    expect([failing.exitCode, usage.exitCode, help.exitCode]).toEqual([1, 2, 0]);
    expect(closed).toEqual([1, 1, 1]);
  });

  it('takes the global --config before or after the verb', async () => {
    temp = await createTempConfig();
    const before = await runInProcess(['--config', temp.file, 'config', 'validate']);
    const after = await runInProcess(['config', 'validate', '--config', temp.file]);
    expect(before.exitCode).toBe(0);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(after.stdout).toContain(`${temp.file}: valid`);
  });

  it('reads the config file named by SMS_CHANNEL_CONFIG when --config is not given', async () => {
    temp = await createTempConfig();
    const run = await runInProcess(['config', 'validate'], { env: { SMS_CHANNEL_CONFIG: temp.file } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`${temp.file}: valid`);
  });
});
