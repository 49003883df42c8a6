import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import { createTempConfig, defaultConfigText, type TempConfig } from './__fixtures__/temp-config.js';

describe('channels capabilities', () => {
  let temp: TempConfig | undefined;
  afterEach(async () => {
    await temp?.remove();
    temp = undefined;
  });

  it('describes the SMS channel for a person without reading any config', async () => {
    const run = await runInProcess(['channels', 'capabilities', '--channel', 'sms'], {
      deps: { loadConfig: () => Promise.reject(new Error('config must not be read')) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('direct messages only');
    expect(run.stdout).toContain('twilio-sms:+15551234567');
    expect(run.stdout).toContain('parts of at most 1500 characters');
  });

  it('prints JSON with --json', async () => {
    const run = await runInProcess(['channels', 'capabilities', '--channel', 'sms', '--json']);
    expect(run.exitCode).toBe(0);
    const capabilities = JSON.parse(run.stdout);
    expect(capabilities).toMatchObject({
      channel: 'sms',
      chatTypes: ['direct'],
      targetPrefixes: ['sms', 'twilio-sms'],
      text: { maxBodyChars: 1600, textChunkLimit: 1500, partNumbering: true },
      media: { inbound: true, outbound: true },
      access: { defaultDmPolicy: 'pairing', pairing: true },
    });
    expect(capabilities.optOutKeywords.stop).toContain('STOP');
  });

  it('reports the textChunkLimit of the account named by --account', async () => {
    temp = await createTempConfig(defaultConfigText({ textChunkLimit: 320 }));
    const run = await runInProcess([
      '--config',
      temp.file,
      'channels',
      'capabilities',
      '--account',
      'default',
      '--json',
    ]);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).text.textChunkLimit).toBe(320);
  });

  it('exits 2 for an account the config does not define', async () => {
    temp = await createTempConfig();
    const run = await runInProcess(['--config', temp.file, 'channels', 'capabilities', '--account', 'work']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual(['sms-channel: No SMS account "work" (known: "default")']);
  });

  it('exits 2 naming the supported channel for any other channel', async () => {
    const run = await runInProcess(['channels', 'capabilities', '--channel', 'whatsapp']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      'sms-channel: unknown channel "whatsapp": the only channel supported here is "sms"',
    ]);
  });
});
