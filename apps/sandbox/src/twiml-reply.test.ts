import { describe, expect, it } from 'vitest';
import { readTwimlMessages } from './twiml-reply.js';

describe('readTwimlMessages', () => {
  it('finds nothing in the usual empty acknowledgement', () => {
    expect(readTwimlMessages('<?xml version="1.0" encoding="UTF-8"?><Response></Response>')).toEqual([]);
    expect(readTwimlMessages('<Response/>')).toEqual([]);
  });

  it('reads each <Message> in order, with attributes and a <Body> child', () => {
    const twiml = '<Response><Message to="+1">One</Message><Message><Body>Two</Body></Message></Response>';
    expect(readTwimlMessages(twiml)).toEqual(['One', 'Two']);
  });

  it('decodes XML entities exactly once', () => {
    expect(
      readTwimlMessages('<Response><Message>a &amp;lt; b &#x1F642; &#233;</Message></Response>'),
    ).toEqual(['a &lt; b 🙂 é']);
  });

  it('ignores a self-closing or blank <Message>', () => {
    expect(readTwimlMessages('<Response><Message/><Message>  </Message></Response>')).toEqual([]);
  });
});
