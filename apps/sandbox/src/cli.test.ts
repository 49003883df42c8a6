import { describe, expect, it } from 'vitest';
import { stopAfterTest } from './__fixtures__/fast-sandbox.js';
import { type CliIo, runCli } from './run-cli.js';

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

describe('sms-sandbox command line', () => {
  it('starts with the given flags and prints where it listens, its credentials and how to point a gateway at it', async () => {
    const io = captureIo();
    const result = await runCli(
      [
        '--port',
        '0',
        '--number',
        '+12025550111',
        '--webhook-url',
        'http://127.0.0.1:9/webhooks/sms',
        '--quiet',
      ],
      io,
    );
    if (!('sandbox' in result)) throw new Error(`exited with ${result.exitCode}: ${io.errors.join('\n')}`);
    stopAfterTest(result.sandbox);
    const url = result.sandbox.url;
    expect(io.lines[0]).toBe(`sms-sandbox listening on ${url}`);
    expect(io.lines.join('\n')).toContain('+12025550111  sms_url http://127.0.0.1:9/webhooks/sms');
    expect(io.lines.join('\n')).toContain(`TWILIO_API_BASE_URL=${url}`);
    expect((await fetch(`${url}/_sandbox/health`)).status).toBe(200);
  });

  it('logs one line per event unless --quiet', async () => {
    const io = captureIo();
    const result = await runCli(['--port', '0'], io);
    if (!('sandbox' in result)) throw new Error('did not start');
    stopAfterTest(result.sandbox);
    await result.sandbox.phones.send({ from: '+12025550142', body: 'hello' });
    expect(io.lines.some((line) => line.startsWith('[message]') && line.includes('"hello"'))).toBe(true);
  });

  it('takes the media options: no enforced media auth, the CDN host, the fetch time limit, no MMS Converter', async () => {
    const io = captureIo();
    const result = await runCli(
      [
        '--port',
        '0',
        '--no-enforce-media-auth',
        '--cdn-host',
        '127.0.0.1',
        '--media-fetch-timeout-ms',
        '500',
        '--no-mms-converter',
        '-q',
      ],
      io,
    );
    if (!('sandbox' in result)) throw new Error(`exited with ${result.exitCode}: ${io.errors.join('\n')}`);
    stopAfterTest(result.sandbox);
    expect(new URL(result.sandbox.cdnUrl).hostname).toBe('127.0.0.1');
    expect(io.lines).toContain(`  media CDN         ${result.sandbox.cdnUrl}`);
    const { message } = await result.sandbox.phones.send({
      from: '+12025550142',
      body: '',
      media: [{ data: new Uint8Array([0x47, 0x49, 0x46, 0x38]) }],
    });
    const mediaUrl = `${result.sandbox.url}/2010-04-01/Accounts/${result.sandbox.accountSid}/Messages/${message.sid}/Media/${message.media[0]?.sid}`;
    expect((await fetch(mediaUrl, { redirect: 'manual' })).status).toBe(307);
  });

  it('puts every number in a Messaging Service with --messaging-service', async () => {
    const io = captureIo();
    const sid = `MG${'12'.repeat(16)}`;
    const result = await runCli(['--port', '0', '--messaging-service', sid, '-q'], io);
    if (!('sandbox' in result)) throw new Error('did not start');
    stopAfterTest(result.sandbox);
    expect(result.sandbox.messagingServices).toMatchObject([{ sid, phoneNumbers: ['+12025550100'] }]);
  });

  it.each([
    [['--port', 'abc'], /port/],
    [['--number', '12345'], /E\.164/],
    [['--account-sid', 'nope'], /accountSid/],
    [['--webhook-url', 'not a url'], /webhookUrl/],
    [['--bogus'], /unknown option/],
  ])('exits with 2 and a one-line reason on bad usage: %j', async (argv, reason) => {
    const io = captureIo();
    const result = await runCli(argv, io);
    expect(result).toEqual({ exitCode: 2 });
    expect(io.errors.join('\n')).toMatch(reason);
  });

  it('exits with 0 after --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toEqual({ exitCode: 0 });
    expect(io.lines.join('\n')).toContain('--webhook-url <url>');
  });

  it('exits with 1 when the port is taken', async () => {
    const first = await runCli(['--port', '0', '-q'], captureIo());
    if (!('sandbox' in first)) throw new Error('did not start');
    stopAfterTest(first.sandbox);
    const port = new URL(first.sandbox.url).port;
    const io = captureIo();
    expect(await runCli(['--port', port, '-q'], io)).toEqual({ exitCode: 1 });
    expect(io.errors[0]).toMatch(/cannot listen/);
  });
});
