import type { FormParams } from '@sms-channel/twilio-signature';
import type { RestRoute } from './fault-rules.js';
import type { PageRequest, PageRequestProblem } from './list-page.js';
import { isPageRequestProblem, parsePageRequest } from './list-page.js';
import { API_VERSION } from './message-resource.js';
import type { SandboxContext } from './sandbox-context.js';
import { twilioError } from './twilio-error.js';

/** The start of every 2010-04-01 route's pattern; its capture is the account SID. */
export const ACCOUNT_PATH = `^/${API_VERSION}/Accounts/([^/]+)`;

/** One request to a REST route, after routing, faults and authentication. */
export interface RestRequest {
  method: string;
  /** The path's captures: the account SID first on 2010-04-01 routes. */
  params: string[];
  query: URLSearchParams;
  form: FormParams;
  path: string;
}

/**
 * A route's answer: a JSON body, or none at all (`204`, a `307` redirect, any answer to `HEAD`). A
 * `TwilioErrorAnswer` is one as it is.
 */
export interface RestAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One REST route of the Twilio look-alike. */
export interface RestRouteDefinition {
  name: RestRoute;
  /** `GET` routes also answer `HEAD`. */
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  /**
   * Whether Basic auth is checked: always (Twilio's REST API), or only when the sandbox enforces HTTP auth on
   * media URLs (the media content URL, Twilio's "Enforce HTTP Auth on Media URLs" setting).
   * @default 'always'
   */
  auth?: 'always' | 'when-media-auth-enforced';
  handle(context: SandboxContext, request: RestRequest): RestAnswer;
}

/** Twilio's 404 for a path that names nothing. */
export function notFound(path: string): RestAnswer {
  return twilioError(20404, `The requested resource ${path} was not found`);
}

/** The page a list request asks for, or Twilio's 400 (code 20001) naming the paging parameter it cannot read. */
export function pageOf(query: URLSearchParams): PageRequest | RestAnswer {
  const request: PageRequest | PageRequestProblem = parsePageRequest(query);
  return isPageRequestProblem(request) ? twilioError(20001, request.message) : request;
}

/** Whether {@link pageOf} answered an error. */
export function isAnswer(value: PageRequest | RestAnswer): value is RestAnswer {
  return 'status' in value;
}
