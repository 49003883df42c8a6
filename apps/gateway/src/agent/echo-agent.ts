import type { Agent } from '@sms-channel/channel-runtime';

/** Replies `You said: <text>`: enough to see the whole loop (webhook, queue, Twilio send) work. */
export function createEchoAgent(): Agent {
  return {
    kind: 'echo',
    reply: async (turn) => {
      if (turn.text.trim() === '' && turn.media.length > 0) {
        const count = turn.media.length;
        return { text: `You sent ${count} attachment${count === 1 ? '' : 's'}.` };
      }
      return { text: `You said: ${turn.text}` };
    },
  };
}
