import { describe, expect, it } from 'vitest';
import { formatReplyParts } from './format-reply-parts.js';

const reply = 'It’s done — see “Settings”… and you’re set.';

describe('formatReplyParts', () => {
  it("replaces what Twilio's Smart Encoding replaces when the account's smartEncoding is on (issue 14)", async () => {
    expect(await formatReplyParts(reply, { textChunkLimit: 1500, smartEncoding: true })).toEqual([
      'It\'s done - see "Settings"... and you\'re set.',
    ]);
  });

  it('keeps the characters as written when smartEncoding is off', async () => {
    expect(await formatReplyParts(reply, { textChunkLimit: 1500, smartEncoding: false })).toEqual([reply]);
  });

  it('keeps them in a part that needs UCS-2 anyway (an emoji): replacing them would save nothing', async () => {
    expect(await formatReplyParts(`${reply} 🎉`, { textChunkLimit: 1500, smartEncoding: true })).toEqual([
      `${reply} 🎉`,
    ]);
  });
});
