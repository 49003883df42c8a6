import { parseDateSentQuery } from './date-sent-query.js';
import type { MessageFilter } from './message-store.js';

/** The filters of Twilio's Messages list, in the order the sandbox keeps them on page URIs. */
export const MESSAGE_LIST_FILTERS = ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>'] as const;

/** A list query read: the store filter and the filters to repeat on every page URI. */
export interface MessageListQuery {
  filter: MessageFilter;
  filters: URLSearchParams;
}

/** A filter Twilio would refuse, naming it (answered 400 with code 20001). */
export interface MessageListQueryProblem {
  field: string;
  message: string;
}

/**
 * Reads `GET Messages.json`'s filters: `To` and `From` match exactly; `DateSent` is one UTC day, `DateSent>`
 * from the start of a day, `DateSent<` through the end of one (see `date-sent-query.ts`). A message with no
 * `date_sent` yet (still `accepted` or `queued`) matches no date filter. A date that is no date is a problem.
 */
export function parseMessageListQuery(query: URLSearchParams): MessageListQuery | MessageListQueryProblem {
  const filter: MessageFilter = {};
  const filters = new URLSearchParams();
  for (const key of MESSAGE_LIST_FILTERS) {
    const raw = query.get(key);
    if (raw === null) continue;
    filters.set(key, raw);
    if (key === 'To' || key === 'From') {
      filter[key === 'To' ? 'to' : 'from'] = phoneNumberOf(raw);
      continue;
    }
    const bounds = parseDateSentQuery(raw);
    if (!bounds) {
      return {
        field: key,
        message: `Invalid ${key}: "${raw}" is not a date (give YYYY-MM-DD, in GMT)`,
      };
    }
    if (key === 'DateSent') filter.dateSent = bounds.day;
    else if (key === 'DateSent>') filter.dateSentAfter = bounds.start;
    else filter.dateSentBefore = bounds.end;
  }
  return { filter, filters };
}

/** Whether {@link parseMessageListQuery} refused the query. */
export function isMessageListQueryProblem(
  value: MessageListQuery | MessageListQueryProblem,
): value is MessageListQueryProblem {
  return 'field' in value;
}

/**
 * A number as a query gave it. Form decoding turns an unescaped `+` into a space (`?To=+1202...` arrives as
 * ` 1202...`): read such a value as the E.164 number its writer meant.
 */
function phoneNumberOf(raw: string): string {
  return /^ \d+$/.test(raw) ? `+${raw.slice(1)}` : raw.trim();
}
