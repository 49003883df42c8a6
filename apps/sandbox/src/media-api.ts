import { parseDateSentQuery } from './date-sent-query.js';
import { buildListPage } from './list-page.js';
import { toMediaResource } from './media-resource.js';
import type { SandboxMedia } from './media-store.js';
import {
  ACCOUNT_PATH,
  isAnswer,
  notFound,
  pageOf,
  type RestAnswer,
  type RestRequest,
  type RestRouteDefinition,
} from './rest-route.js';
import type { SandboxContext } from './sandbox-context.js';
import { twilioError } from './twilio-error.js';

const MESSAGE_MEDIA = `${ACCOUNT_PATH}/Messages/([^/]+)/Media`;

/**
 * A Message's Media subresource: list and fetch its JSON resources, delete one, and the media's own URL (no
 * extension), which answers `307 Temporary Redirect` to the bytes on the media CDN. That URL takes Basic auth
 * only while the sandbox enforces HTTP auth on media (Twilio's "Enforce HTTP Auth on Media URLs"), and then
 * redirects to a fresh CDN URL that works for `cdnUrlTtlMs` (Twilio: "a secure URL that is only valid for 4
 * hours"); otherwise to the media's permanent, unguessable public URL.
 */
export const MEDIA_ROUTES: readonly RestRouteDefinition[] = [
  { name: 'media.list', method: 'GET', pattern: new RegExp(`${MESSAGE_MEDIA}\\.json$`), handle: listMedia },
  {
    name: 'media.fetch',
    method: 'GET',
    pattern: new RegExp(`${MESSAGE_MEDIA}/([^/]+)\\.json$`),
    handle: fetchMedia,
  },
  {
    name: 'media.delete',
    method: 'DELETE',
    pattern: new RegExp(`${MESSAGE_MEDIA}/([^/]+)\\.json$`),
    handle: deleteMedia,
  },
  {
    name: 'media.content',
    method: 'GET',
    pattern: new RegExp(`${MESSAGE_MEDIA}/([^/.]+)$`),
    auth: 'when-media-auth-enforced',
    handle: redirectToCdn,
  },
];

const DATE_FILTERS = ['DateCreated', 'DateCreated<', 'DateCreated>'] as const;

function listMedia(context: SandboxContext, request: RestRequest): RestAnswer {
  const messageSid = request.params[1] ?? '';
  if (!context.messages.get(messageSid)) return notFound(request.path);
  const filters = new URLSearchParams();
  let records = context.media.listFor(messageSid);
  for (const key of DATE_FILTERS) {
    const raw = request.query.get(key);
    if (raw === null) continue;
    const bounds = parseDateSentQuery(raw);
    if (!bounds)
      return twilioError(20001, `Invalid ${key}: "${raw}" is not a date (give YYYY-MM-DD, in GMT)`);
    filters.set(key, raw);
    records = records.filter((media) => {
      const created = media.dateCreated;
      if (key === 'DateCreated') return created >= bounds.start && created <= bounds.end;
      return key === 'DateCreated>' ? created >= bounds.start : created <= bounds.end;
    });
  }
  const page = pageOf(request.query);
  if (isAnswer(page)) return page;
  const body = buildListPage({
    records,
    render: toMediaResource,
    key: 'media_list',
    path: request.path,
    filters,
    request: page,
  });
  return { status: 200, body };
}

/** The media the path names, when it belongs to the message the path names. */
function mediaOf(context: SandboxContext, request: RestRequest): SandboxMedia | undefined {
  const media = context.media.get(request.params[2] ?? '');
  return media && media.parentSid === request.params[1] ? media : undefined;
}

function fetchMedia(context: SandboxContext, request: RestRequest): RestAnswer {
  const media = mediaOf(context, request);
  return media ? { status: 200, body: toMediaResource(media) } : notFound(request.path);
}

/** Twilio's delete: 204, and the media is gone (its URLs answer 404 from now on). */
function deleteMedia(context: SandboxContext, request: RestRequest): RestAnswer {
  const media = mediaOf(context, request);
  if (!media) return notFound(request.path);
  context.media.delete(media.sid);
  return { status: 204 };
}

function redirectToCdn(context: SandboxContext, request: RestRequest): RestAnswer {
  const media = mediaOf(context, request);
  const cdn = context.urls.cdn;
  if (!media || cdn === null) return notFound(request.path);
  const path = context.options.enforceMediaAuth
    ? context.media.issuePath(media.sid, context.options.now(), context.options.cdnUrlTtlMs)
    : context.media.publicPath(media.sid);
  if (path === undefined) return notFound(request.path);
  return {
    status: 307,
    headers: { location: `${cdn}${path}`, 'cache-control': 'no-store' },
  };
}
