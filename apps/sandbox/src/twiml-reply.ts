/**
 * The `<Message>` verbs of a TwiML answer to an inbound SMS webhook, which Twilio sends back to the handset:
 * `<Response><Message>Hi</Message></Response>` or `<Message><Body>Hi</Body></Message>`. Hand-written rather
 * than a full XML parser: the sandbox only needs the text of these two elements, and a webhook's answer is
 * small and written by the app under test. An empty `<Response/>` (the usual acknowledgement) yields nothing.
 */
export function readTwimlMessages(answer: string): string[] {
  const bodies: string[] = [];
  for (const match of answer.matchAll(/<Message\b[^>]*?(?:\/>|>([\s\S]*?)<\/Message>)/g)) {
    const inner = match[1] ?? '';
    const body = /<Body\b[^>]*>([\s\S]*?)<\/Body>/.exec(inner)?.[1] ?? inner.replace(/<[^>]*>/g, '');
    const text = decodeXmlEntities(body).trim();
    if (text.length > 0) bodies.push(text);
  }
  return bodies;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    return NAMED[name] ?? whole;
  });
}

function safeCodePoint(codePoint: number, fallback: string): string {
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : fallback;
}
