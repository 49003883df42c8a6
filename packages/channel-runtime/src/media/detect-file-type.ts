import { open } from 'node:fs/promises';
import { mediaTypeOfFileName, SNIFF_BYTES, sniffMediaType } from '@sms-channel/twilio-messaging';

/**
 * The media type of a local file: its bytes' signature when they have one, else what its extension says (text
 * formats such as vCard have no signature); `undefined` when neither tells.
 */
export async function detectFileType(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return (await sniffMediaType(head.subarray(0, bytesRead))) ?? mediaTypeOfFileName(file);
  } finally {
    await handle.close();
  }
}
