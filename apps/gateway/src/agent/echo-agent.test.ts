import { describe, expect, it } from 'vitest';
import { createEchoAgent } from './echo-agent.js';

const turn = {
  accountId: 'default',
  sender: '+12025550142',
  to: '+12025550100',
  messageSid: 'SM1',
  media: [],
  deliver: async () => ({ parts: [] }),
};

describe('createEchoAgent', () => {
  it('answers "You said: <text>"', async () => {
    expect(await createEchoAgent().reply({ ...turn, text: 'hi' })).toEqual({ text: 'You said: hi' });
  });

  it('counts attachments of a picture without text', async () => {
    const media = [{ url: 'https://x/1', path: '/tmp/1.jpg', contentType: 'image/jpeg', size: 10 }];
    expect(await createEchoAgent().reply({ ...turn, text: '', media })).toEqual({
      text: 'You sent 1 attachment.',
    });
  });
});
