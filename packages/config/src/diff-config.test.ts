import { describe, expect, it } from 'vitest';
import { AUTH_TOKEN, FROM, OWNER, smsConfig } from './__fixtures__/examples.js';
import { diffConfig } from './diff-config.js';

describe('diffConfig', () => {
  it('lists added, removed and changed keys, one line each, with readable paths', () => {
    const before = smsConfig({ fromNumber: FROM, textChunkLimit: 600, accounts: { 'a.b': { name: 'x' } } });
    const after = smsConfig({ fromNumber: OWNER, defaultTo: OWNER, accounts: { 'a.b': {} } });
    expect(diffConfig(before, after).text).toBe(
      [
        '- channels.sms.textChunkLimit (was 600)',
        `~ channels.sms.fromNumber: "${FROM}" -> "${OWNER}"`,
        `+ channels.sms.defaultTo = "${OWNER}"`,
        '- channels.sms.accounts["a.b"].name (was "x")',
      ].join('\n'),
    );
  });

  it('shows an array change as a whole value', () => {
    const { changes } = diffConfig(smsConfig({ allowFrom: [FROM] }), smsConfig({ allowFrom: [FROM, OWNER] }));
    expect(changes).toEqual([
      { kind: 'changed', path: ['channels', 'sms', 'allowFrom'], before: [FROM], after: [FROM, OWNER] },
    ]);
  });

  it('masks secrets, also inside an added subtree', () => {
    const { text } = diffConfig({}, smsConfig({ authToken: AUTH_TOKEN }));
    expect(text).toBe('+ channels = {"sms":{"authToken":"****cdef"}}');
  });

  it('still reports a changed secret whose masked forms look alike', () => {
    const { text } = diffConfig(smsConfig({ authToken: 'short1' }), smsConfig({ authToken: 'short2' }));
    expect(text).toBe('~ channels.sms.authToken: "****" -> "****"');
  });

  it('says when nothing changes', () => {
    expect(diffConfig(smsConfig({ a: [1] }), smsConfig({ a: [1] }))).toEqual({
      changes: [],
      text: '(no changes)',
    });
  });
});
