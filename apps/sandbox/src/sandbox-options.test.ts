import { describe, expect, it } from 'vitest';
import { SandboxOptionsError } from './errors.js';
import { countryOf, DEFAULT_ACCOUNT_SID, friendlyNameOf, resolveSandboxOptions } from './sandbox-options.js';

function optionAtFault(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SandboxOptionsError) return error.option;
    throw error;
  }
  return undefined;
}

describe('resolveSandboxOptions', () => {
  it('has a default for everything, listening on loopback', () => {
    const resolved = resolveSandboxOptions();
    expect(resolved.host).toBe('127.0.0.1');
    expect(resolved.accountSid).toBe(DEFAULT_ACCOUNT_SID);
    expect(resolved.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(resolved.webhookTimeoutMs).toBe(15_000);
    expect(resolved.numbers).toMatchObject([
      { phoneNumber: '+12025550100', smsUrl: null, messagingServiceSid: null },
    ]);
  });

  it("gives every number the sandbox's webhookUrl unless it has its own", () => {
    const resolved = resolveSandboxOptions({
      webhookUrl: 'http://127.0.0.1:1/all',
      numbers: ['+12025550100', { phoneNumber: '+12025550101', smsUrl: 'http://127.0.0.1:1/own' }],
    });
    expect(resolved.numbers.map((number) => number.smsUrl)).toEqual([
      'http://127.0.0.1:1/all',
      'http://127.0.0.1:1/own',
    ]);
  });

  it('links numbers to their Messaging Service', () => {
    const sid = `MG${'0'.repeat(32)}`;
    const resolved = resolveSandboxOptions({ messagingServices: [{ sid, phoneNumbers: ['+12025550100'] }] });
    expect(resolved.numbers[0]?.messagingServiceSid).toBe(sid);
  });

  it.each([
    [{ accountSid: 'AC123' }, 'accountSid'],
    [{ authToken: '' }, 'authToken'],
    [{ numbers: ['2025550100'] }, 'numbers[0]'],
    [{ numbers: ['+12025550100', '+12025550100'] }, 'numbers'],
    [{ numbers: [] }, 'numbers'],
    [{ webhookUrl: 'ftp://x/y' }, 'webhookUrl'],
    [{ webhookTimeoutMs: 0 }, 'webhookTimeoutMs'],
    [{ port: 70_000 }, 'port'],
    [{ handsets: ['call me'] }, 'handsets[0]'],
    [{ messagingServices: [{ sid: 'MG1', phoneNumbers: ['+12025550100'] }] }, 'messagingServices[0].sid'],
    [{ messagingServices: [{ phoneNumbers: [] }] }, 'messagingServices[0].phoneNumbers'],
    [{ messagingServices: [{ phoneNumbers: ['+12025550199'] }] }, 'messagingServices[0].phoneNumbers'],
    [{ cdnHost: '' }, 'cdnHost'],
    [{ cdnUrlTtlMs: 0 }, 'cdnUrlTtlMs'],
    [{ mediaFetchTimeoutMs: 1.5 }, 'mediaFetchTimeoutMs'],
  ])('refuses %j, naming %s', (options, option) => {
    expect(optionAtFault(() => resolveSandboxOptions(options))).toBe(option);
  });

  it("enforces media auth, keeps the MMS Converter on, and waits 15 s for media, as Twilio's defaults", () => {
    expect(resolveSandboxOptions()).toMatchObject({
      enforceMediaAuth: true,
      mmsConverter: true,
      mediaFetchTimeoutMs: 15_000,
      cdnUrlTtlMs: 4 * 3_600_000,
    });
  });

  it('puts the media CDN on another loopback host than the API on Linux, else on the same host', () => {
    const expected = process.platform === 'linux' ? '127.0.0.2' : '127.0.0.1';
    expect(resolveSandboxOptions().cdnHost).toBe(expected);
    expect(resolveSandboxOptions({ host: '::1' }).cdnHost).toBe('::1');
    expect(resolveSandboxOptions({ cdnHost: '127.0.0.9' }).cdnHost).toBe('127.0.0.9');
  });
});

describe('countryOf', () => {
  it('reports every +1 number in the US and leaves others unknown', () => {
    expect([countryOf('+12025550100'), countryOf('+447700900123')]).toEqual(['US', undefined]);
  });

  it("fills a handset's country from it, unless given", () => {
    const { handsets } = resolveSandboxOptions({
      handsets: ['+12025550142', '+447700900123', { phoneNumber: '+447700900124', country: 'GB' }],
    });
    expect(handsets.map((handset) => handset.country)).toEqual(['US', '', 'GB']);
  });
});

describe('friendlyNameOf', () => {
  it("writes North American numbers the way Twilio's console does", () => {
    expect(friendlyNameOf('+12025550100')).toBe('(202) 555-0100');
  });

  it('keeps other numbers in E.164', () => {
    expect(friendlyNameOf('+447700900123')).toBe('+447700900123');
  });
});
