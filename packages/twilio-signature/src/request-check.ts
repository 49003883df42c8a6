import { InvalidOptionsError } from './errors.js';
import { type FormParams, parseUtf8FormBody } from './form-body.js';
import { bodyHashParamOf } from './json-body.js';
import { type ForwardedUrlParts, forwardedRequestUrl } from './request-url.js';
import type { SignatureAlgorithm } from './signature-algorithm.js';
import {
  checkSignature,
  type SignatureCheck,
  type SignatureFailureReason,
  type SignedRequest,
} from './signature-check.js';
import type { SignatureVerifier } from './signature-verifier.js';
import { withoutFragment } from './url-variants.js';

/** The secret side: an Auth Token, or a verifier already keyed with one (faster per request). */
export type RequestKeyOptions =
  | {
      /** Your Twilio Auth Token (the SharedKey secret when `algorithm` is `HMAC_SHA256`). */
      authToken: string;
      /**
       * The HMAC Twilio used.
       * @default 'HMAC_SHA1'
       */
      algorithm?: SignatureAlgorithm;
      verifier?: undefined;
    }
  | {
      /** A verifier from `createSignatureVerifier`, made once per Auth Token. */
      verifier: SignatureVerifier;
      authToken?: undefined;
      algorithm?: undefined;
    };

/** How the request helpers learn the public URL Twilio called: given, or read from a trusted proxy. */
export type RequestUrlOptions =
  | {
      /**
       * The exact public URL Twilio was configured with (query string included). The Host header
       * is never used to guess it: a client controls that header.
       */
      url: string;
      /** @default false */
      trustProxy?: false;
    }
  | {
      url?: undefined;
      /**
       * Rebuild the public URL from `X-Forwarded-Proto`, `X-Forwarded-Host` (else `Host`) and the
       * request path. Only behind a reverse proxy you control that sets these headers itself.
       * @default false
       */
      trustProxy: true;
    };

export type VerifyRequestOptions = RequestKeyOptions & RequestUrlOptions;

/** A request check: on success the form params (none for JSON webhooks) and the URL that was checked. */
export type RequestCheck =
  | { ok: true; url: string; params: FormParams }
  | { ok: false; reason: SignatureFailureReason; url?: string };

/** The parts of a request the helpers read, whatever its runtime type. */
export interface RequestParts extends Omit<ForwardedUrlParts, 'forwardedProto' | 'forwardedHost'> {
  header(name: string): string | undefined;
}

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** Shared by the Node and Fetch helpers: URL, header, body parsing, then {@link checkSignature}. */
export function checkRequestParts(
  request: RequestParts,
  rawBody: string | Uint8Array | undefined,
  options: VerifyRequestOptions,
): RequestCheck {
  const url = publicUrlOf(request, options);
  if (url === undefined) return { ok: false, reason: 'invalid-url' };
  const signature = request.header('x-twilio-signature');
  // An unsigned request is reported as such, whatever its body: the more useful line in a log.
  if (signature === undefined || signature === '') return { ok: false, reason: 'missing-signature', url };
  if (bodyHashParamOf(withoutFragment(url)) !== undefined) {
    const result = checkWith(options, { url, signature, rawBody });
    return result.ok ? { ok: true, url, params: Object.create(null) } : { ...result, url };
  }
  const params = formParamsOf(rawBody ?? '', request.header('content-type'));
  if (params === undefined) return { ok: false, reason: 'malformed-body', url };
  const result = checkWith(options, { url, signature, params });
  return result.ok ? { ok: true, url, params } : { ...result, url };
}

function checkWith(options: RequestKeyOptions, request: SignedRequest): SignatureCheck {
  if (options.verifier !== undefined) return options.verifier.check(request);
  return checkSignature({ ...request, authToken: options.authToken, algorithm: options.algorithm });
}

function publicUrlOf(request: RequestParts, options: VerifyRequestOptions): string | undefined {
  if (options.trustProxy === true) {
    return forwardedRequestUrl({
      ...request,
      forwardedProto: request.header('x-forwarded-proto'),
      forwardedHost: request.header('x-forwarded-host'),
    });
  }
  if (typeof options.url !== 'string' || options.url.length === 0) {
    throw new InvalidOptionsError(
      'url',
      'pass the public webhook url, or trustProxy: true behind a trusted proxy',
    );
  }
  return options.url;
}

/** The form params of a body, or undefined when it is not a UTF-8 form (a GET or empty body has none). */
function formParamsOf(rawBody: string | Uint8Array, contentType: string | undefined): FormParams | undefined {
  if (rawBody.length === 0) return Object.create(null);
  if (contentType !== undefined) {
    const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase();
    if (mediaType !== FORM_MEDIA_TYPE) return undefined;
  }
  return parseUtf8FormBody(rawBody);
}
