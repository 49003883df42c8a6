/**
 * Twilio's 2010-04-01 list pagination: each page carries `page`, `page_size`, `start`, `end`, its own `uri`,
 * `first_page_uri`, `previous_page_uri` and `next_page_uri` (null at the ends), and the records under a key
 * named after the resource (`messages`, `incoming_phone_numbers`). The next page's URI carries `Page` and a
 * `PageToken` (`PA` + the SID of the last record shown) so that paging stays stable while new records arrive.
 * The SDK follows `next_page_uri` as given, relative to the API host.
 */

/** Twilio's default and largest page sizes. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Which page was asked for: `Page`, `PageSize` and `PageToken` as the query gave them. */
export interface PageRequest {
  page: number;
  pageSize: number;
  pageToken: string | null;
}

/** Reads `Page`, `PageSize` and `PageToken`, clamping the size to Twilio's 1..1000. */
export function readPageRequest(query: URLSearchParams): PageRequest {
  const pageSize = clampInt(query.get('PageSize'), DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const page = clampInt(query.get('Page'), 0, 0, Number.MAX_SAFE_INTEGER);
  return { page, pageSize, pageToken: query.get('PageToken') };
}

/** Builds one page of `records` (already filtered and ordered) in Twilio's list shape. */
export function buildListPage<T extends { sid: string }, R>(options: {
  records: readonly T[];
  render: (record: T) => R;
  key: string;
  /** The list's path, e.g. `/2010-04-01/Accounts/AC.../Messages.json`. */
  path: string;
  /** The query's filters (without paging parameters), kept on every page URI. */
  filters: URLSearchParams;
  request: PageRequest;
}): Record<string, unknown> {
  const { records, request, path, filters } = options;
  const start = startIndex(records, request);
  const shown = records.slice(start, start + request.pageSize);
  const pageUri = (page: number, token?: string) => {
    const query = new URLSearchParams(filters);
    query.set('PageSize', String(request.pageSize));
    query.set('Page', String(page));
    if (token) query.set('PageToken', token);
    return `${path}?${query.toString()}`;
  };
  const last = shown.at(-1);
  const hasNext = last !== undefined && start + shown.length < records.length;
  return {
    first_page_uri: pageUri(0),
    end: start + Math.max(shown.length - 1, 0),
    previous_page_uri: request.page > 0 ? pageUri(request.page - 1) : null,
    [options.key]: shown.map(options.render),
    uri: pageUri(request.page, request.pageToken ?? undefined),
    page_size: request.pageSize,
    start,
    next_page_uri: hasNext ? pageUri(request.page + 1, `PA${last.sid}`) : null,
    page: request.page,
  };
}

function startIndex(records: readonly { sid: string }[], request: PageRequest): number {
  if (request.pageToken?.startsWith('PA')) {
    const after = records.findIndex((record) => record.sid === request.pageToken?.slice(2));
    if (after >= 0) return after + 1;
  }
  return request.page * request.pageSize;
}

function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  return Math.min(Math.max(Number(raw), min), max);
}
