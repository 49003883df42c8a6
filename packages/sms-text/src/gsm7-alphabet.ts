/**
 * The GSM 03.38 default alphabet and its extension table, as Twilio applies them.
 *
 * Twilio: "GSM-7 ... any character outside GSM-7 makes the whole message UCS-2"; characters of the extension
 * table (`^{}\[~]|€` and form feed) are sent as an escape septet plus one, so they count twice.
 */

/** Every character of the GSM-7 basic table (one septet each), written in Unicode. */
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Every character of the GSM-7 extension table (escape + one septet, so two septets each). */
export const GSM7_EXTENSION = '\f^{}\\[~]|€';

const EURO = 0x20ac;
/** Septets per UTF-16 code unit below this bound; everything GSM-7 but `€` lives below U+03AA. */
const TABLE_SIZE = 0x3aa;
const SEPTETS = buildTable();

function buildTable(): Uint8Array {
  const table = new Uint8Array(TABLE_SIZE);
  for (const char of GSM7_BASIC) table[char.charCodeAt(0)] = 1;
  for (const char of GSM7_EXTENSION) {
    const code = char.charCodeAt(0);
    if (code < TABLE_SIZE) table[code] = 2;
  }
  return table;
}

/**
 * Septets one UTF-16 code unit takes in GSM-7: 1 (basic table), 2 (extension table), or 0 when the code unit
 * has no GSM-7 form at all (so the message must be sent as UCS-2).
 */
export function gsm7Septets(codeUnit: number): number {
  if (codeUnit < TABLE_SIZE) return SEPTETS[codeUnit] ?? 0;
  return codeUnit === EURO ? 2 : 0;
}
