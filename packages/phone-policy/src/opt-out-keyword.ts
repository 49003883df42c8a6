/** What a Twilio keyword message asks for. */
export type OptOutKeyword = 'stop' | 'start' | 'help';

/*
 * Twilio's default keywords on long codes and toll-free numbers (Messaging docs, "Advanced Opt-Out" and
 * "Twilio support for opt-out keywords"): opt-out STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE,
 * OPTOUT; opt-in START, YES, UNSTOP; help HELP, INFO. "Only single-word messages will trigger the block":
 * `STOP PLEASE` is an ordinary message. Twilio itself answers these and blocks further messages after STOP
 * (error 21610), so a gateway must neither send a pairing code nor start an assistant turn for them.
 */
const KEYWORDS: ReadonlyMap<string, OptOutKeyword> = new Map([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].map(
    (word) => [word, 'stop'] as const,
  ),
  ...['START', 'YES', 'UNSTOP'].map((word) => [word, 'start'] as const),
  ...['HELP', 'INFO'].map((word) => [word, 'help'] as const),
]);

export interface ClassifyOptOutKeywordOptions {
  /**
   * The webhook's `OptOutType` field (`STOP`, `START` or `HELP`), which Twilio sets when a Messaging Service
   * with Advanced Opt-Out matched a keyword, including custom and non-English ones. It wins over the body.
   * @default undefined
   */
  optOutType?: string | undefined;
}

const OPT_OUT_TYPES: ReadonlyMap<string, OptOutKeyword> = new Map([
  ['STOP', 'stop'],
  ['START', 'start'],
  ['HELP', 'help'],
]);

/**
 * Classifies an inbound SMS as one of Twilio's default opt-out, opt-in or help keywords: the whole trimmed
 * body must be the keyword, in any case (or Twilio's `OptOutType` says so). Returns `null` for every other
 * message.
 */
export function classifyOptOutKeyword(
  body: string,
  options: ClassifyOptOutKeywordOptions = {},
): OptOutKeyword | null {
  const fromTwilio = options.optOutType?.trim().toUpperCase();
  const flagged = fromTwilio === undefined ? undefined : OPT_OUT_TYPES.get(fromTwilio);
  if (flagged !== undefined) return flagged;
  if (typeof body !== 'string') return null;
  return KEYWORDS.get(body.normalize('NFKC').trim().toUpperCase()) ?? null;
}

/** Twilio's default keywords per kind, for documentation and for callers that show them. */
export const TWILIO_DEFAULT_KEYWORDS: Readonly<Record<OptOutKeyword, readonly string[]>> = {
  stop: [...KEYWORDS].filter(([, kind]) => kind === 'stop').map(([word]) => word),
  start: [...KEYWORDS].filter(([, kind]) => kind === 'start').map(([word]) => word),
  help: [...KEYWORDS].filter(([, kind]) => kind === 'help').map(([word]) => word),
};
