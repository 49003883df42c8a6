/**
 * Twilio's 2010-04-01 list pagination: each page carries `page`, `page_size`, `start`, `end`, its own `uri`,
 * `first_page_uri`, `previous_page_uri` and `next_page_uri` (null at the ends), and the records under a key
 * named after the resource (`messages`, `incoming_phone_numbers`, `media_list`). The next page's URI carries
 * `Page` and a `PageToken` `PA<sid>` ("after" the last record shown), the previous page's `PB<sid>` ("before" the
 * first record shown), so that paging stays stable while new records arrive. The SDK follows these URIs as
 * given, relative to the API host.
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

/** A paging parameter Twilio would refuse (answered 400 with code 20001), naming it. */
export interface PageRequestProblem {
  field: 'PageSize' | 'Page';
  message: string;
}

/**
 * Reads `Page`, `PageSize` and `PageToken`. `PageSize` must be a whole number of at least 1 ("The default is 50,
 * and the maximum is 1000": larger sizes are served as 1000), `Page` a whole number from 0.
 */
export function parsePageRequest(query: URLSearchParams): PageRequest | PageRequestProblem {
  const pageSize = query.get('PageSize');
  const page = query.get('Page');
  if (pageSize !== null && !(/^\d+$/.test(pageSize) && Number(pageSize) >= 1)) {
    return { field: 'PageSize', message: `PageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` };
  }
  if (page !== null && !/^\d+$/.test(page)) {
    return { field: 'Page', message: 'Page must be a whole number from 0' };
  }
  return {
    page: page === null ? 0 : Math.min(Number(page), Number.MAX_SAFE_INTEGER),
    pageSize: pageSize === null ? DEFAULT_PAGE_SIZE : Math.min(Number(pageSize), MAX_PAGE_SIZE),
    pageToken: query.get('PageToken'),
  };
}

/** Whether {@link parsePageRequest} refused the query. */
export function isPageRequestProblem(value: PageRequest | PageRequestProblem): value is PageRequestProblem {
  return 'field' in value;
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
  const first = shown[0];
  const last = shown.at(-1);
  const hasNext = last !== undefined && start + shown.length < records.length;
  const hasPrevious = request.page > 0 && start > 0;
  return {
    first_page_uri: pageUri(0),
    end: start + Math.max(shown.length - 1, 0),
    previous_page_uri: hasPrevious ? pageUri(request.page - 1, first && `PB${first.sid}`) : null,
    [options.key]: shown.map(options.render),
    uri: pageUri(request.page, request.pageToken ?? undefined),
    page_size: request.pageSize,
    start,
    next_page_uri: hasNext ? pageUri(request.page + 1, `PA${last.sid}`) : null,
    page: request.page,
  };
}

/** Where a page starts: after a `PA` token's record, a page before a `PB` token's, else at `Page` x `PageSize`. */
function startIndex(records: readonly { sid: string }[], request: PageRequest): number {
  const token = request.pageToken;
  const at = token ? records.findIndex((record) => record.sid === token.slice(2)) : -1;
  if (token?.startsWith('PA') && at >= 0) return at + 1;
  if (token?.startsWith('PB') && at >= 0) return Math.max(at - request.pageSize, 0);
  return request.page * request.pageSize;
}
