/** The payload the crash test admits for a MessageSid, so the parent can check it came back whole. */
export function crashPayload(sid: string): { From: string; Body: string; MessageSid: string } {
  const n = Number(sid.split('x')[1] ?? 0);
  return {
    From: `+1555555${String(1000 + (n % 40))}`,
    Body: `message ${sid} ${'é'.repeat(n % 300)}`,
    MessageSid: sid,
  };
}
