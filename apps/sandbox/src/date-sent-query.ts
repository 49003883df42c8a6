/**
 * Twilio's date filters on lists (`DateSent`, `DateSent<`, `DateSent>` on Messages). Twilio documents them by
 * the day: "Specify a date as `YYYY-MM-DD` in GMT ... `DateSent<=YYYY-MM-DD` to read messages sent on or before
 * midnight on a date, and `DateSent>=YYYY-MM-DD` to read messages sent on or after midnight on a date". Its API
 * also takes instants (the `twilio` SDK sends `dateSentAfter` as `2026-11-26T15:00:00Z`; Twilio's own API
 * definition has examples such as `Wed, 19 Jun 2019 22:04:00 -0000` and `06/11/2019 22:05:25 MST`), but
 * promises nothing finer than the day. So the sandbox reads every accepted form as its UTC day: a client that
 * counted on a finer bound sees the larger answer Twilio may give it too. Anything else is a 400 (code 20001).
 */

/** The UTC day bounds one date filter stands for. */
export interface DayBounds {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** 00:00:00.000 of the day, UTC. */
  start: Date;
  /** 23:59:59.999 of the day, UTC. */
  end: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Offsets (minutes) of the zone names RFC 2822 and US-style dates use. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{1,3})?$/i;
const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|[A-Z]{1,3})$/;
const US_DATE =
  /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+([A-Z]{1,3}|[+-]\d{4}))?)?$/;

/**
 * Reads one date filter value (a day or an instant in one of Twilio's accepted forms) as its UTC day; undefined
 * when it is no date at all (the caller answers 400).
 */
export function parseDateSentQuery(raw: string): DayBounds | undefined {
  const value = raw.trim();
  const instant = parseInstant(value);
  if (instant === undefined) return undefined;
  const day = instant.toISOString().slice(0, 10);
  return {
    day,
    start: new Date(`${day}T00:00:00.000Z`),
    end: new Date(`${day}T23:59:59.999Z`),
  };
}

function parseInstant(value: string): Date | undefined {
  let match = ISO_DAY.exec(value);
  if (match) return utc(match[1], match[2], match[3], '0', '0', '0', 0);
  match = ISO_TIME.exec(value);
  if (match) return utc(match[1], match[2], match[3], match[4], match[5], match[6], offsetOf(match[7]));
  match = RFC_2822.exec(value);
  if (match) {
    const month = MONTHS.indexOf(match[2] ?? '') + 1;
    if (month === 0) return undefined;
    return utc(match[3], String(month), match[1], match[4], match[5], match[6], offsetOf(match[7]));
  }
  match = US_DATE.exec(value);
  if (match) return utc(match[3], match[1], match[2], match[4], match[5], match[6], offsetOf(match[7]));
  return undefined;
}

/** A zone written `Z`, `+0100`, `-07:00` or by name, in minutes east of UTC; none means GMT (Twilio's rule). */
function offsetOf(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!numeric) return undefined;
  const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
  return numeric[1] === '-' ? -minutes : minutes;
}

/** Builds the instant, refusing fields out of range (month 13, 31 April, 25:00...) instead of rolling them over. */
function utc(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  offsetMinutes: number | undefined,
): Date | undefined {
  if (offsetMinutes === undefined) return undefined;
  const parts = [year, month, day, hour ?? '0', minute ?? '0', second ?? '0'].map(Number);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = parts;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const valid =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60;
  return valid ? new Date(local.getTime() - offsetMinutes * 60_000) : undefined;
}
