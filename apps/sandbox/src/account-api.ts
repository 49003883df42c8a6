import { httpUrlProblem } from './http-url.js';
import { buildListPage } from './list-page.js';
import { API_VERSION } from './message-resource.js';
import {
  MESSAGING_BASE_URL,
  toServicePhoneNumberResource,
  toServiceResource,
  v1List,
} from './messaging-service-resource.js';
import { toPhoneNumberResource } from './phone-number-resource.js';
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
import { formatTwilioDate } from './twilio-date.js';
import { twilioError } from './twilio-error.js';

/**
 * The account's resources other than messages: the Account itself (how a client checks its credentials), its
 * IncomingPhoneNumbers (with their `sms_url`), and its Messaging Services by SID on the v1 messaging API.
 */
export const ACCOUNT_ROUTES: readonly RestRouteDefinition[] = [
  {
    name: 'accounts.fetch',
    method: 'GET',
    pattern: new RegExp(`${ACCOUNT_PATH}\\.json$`),
    handle: fetchAccount,
  },
  {
    name: 'incomingPhoneNumbers.list',
    method: 'GET',
    pattern: new RegExp(`${ACCOUNT_PATH}/IncomingPhoneNumbers\\.json$`),
    handle: listNumbers,
  },
  {
    name: 'incomingPhoneNumbers.fetch',
    method: 'GET',
    pattern: new RegExp(`${ACCOUNT_PATH}/IncomingPhoneNumbers/([^/]+)\\.json$`),
    handle: fetchNumber,
  },
  {
    name: 'incomingPhoneNumbers.update',
    method: 'POST',
    pattern: new RegExp(`${ACCOUNT_PATH}/IncomingPhoneNumbers/([^/]+)\\.json$`),
    handle: updateNumber,
  },
  { name: 'messagingServices.list', method: 'GET', pattern: /^\/v1\/Services$/, handle: listServices },
  {
    name: 'messagingServices.fetch',
    method: 'GET',
    pattern: /^\/v1\/Services\/([^/]+)$/,
    handle: fetchService,
  },
  {
    name: 'messagingServices.phoneNumbers',
    method: 'GET',
    pattern: /^\/v1\/Services\/([^/]+)\/PhoneNumbers$/,
    handle: listServiceNumbers,
  },
];

function listNumbers(context: SandboxContext, request: RestRequest): RestAnswer {
  const phoneNumber = request.query.get('PhoneNumber');
  const friendlyName = request.query.get('FriendlyName');
  const filters = new URLSearchParams();
  if (phoneNumber !== null) filters.set('PhoneNumber', phoneNumber);
  if (friendlyName !== null) filters.set('FriendlyName', friendlyName);
  const records = [...context.numbers.values()].filter(
    (number) =>
      (phoneNumber === null || number.phoneNumber.includes(phoneNumber.replace(/\s/g, ''))) &&
      (friendlyName === null || number.friendlyName === friendlyName),
  );
  const page = pageOf(request.query);
  if (isAnswer(page)) return page;
  const body = buildListPage({
    records,
    render: (number) => toPhoneNumberResource(number, context.options.accountSid, context.createdAt),
    key: 'incoming_phone_numbers',
    path: request.path,
    filters,
    request: page,
  });
  return { status: 200, body };
}

function numberBySid(context: SandboxContext, sid: string | undefined) {
  return [...context.numbers.values()].find((number) => number.sid === sid);
}

function fetchNumber(context: SandboxContext, request: RestRequest): RestAnswer {
  const number = numberBySid(context, request.params[1]);
  if (!number) return notFound(request.path);
  return { status: 200, body: toPhoneNumberResource(number, context.options.accountSid, context.createdAt) };
}

/** Twilio's number update: the sandbox honours `SmsUrl` and `FriendlyName` (an empty `SmsUrl` clears it). */
function updateNumber(context: SandboxContext, request: RestRequest): RestAnswer {
  const number = numberBySid(context, request.params[1]);
  if (!number) return notFound(request.path);
  const smsUrl = request.form.SmsUrl;
  if (typeof smsUrl === 'string') {
    if (smsUrl !== '' && httpUrlProblem(smsUrl) !== undefined)
      return twilioError(21609, `SmsUrl is not a valid URL: ${smsUrl}`);
    number.smsUrl = smsUrl === '' ? null : smsUrl;
  }
  const friendlyName = request.form.FriendlyName;
  if (typeof friendlyName === 'string') number.friendlyName = friendlyName;
  context.events.emit({
    type: 'numbers.changed',
    numbers: [...context.numbers.values()].map((n) => ({ ...n })),
  });
  return { status: 200, body: toPhoneNumberResource(number, context.options.accountSid, context.createdAt) };
}

function fetchAccount(context: SandboxContext): RestAnswer {
  const sid = context.options.accountSid;
  const uri = `/${API_VERSION}/Accounts/${sid}.json`;
  const date = formatTwilioDate(context.createdAt);
  return {
    status: 200,
    body: {
      auth_token: context.options.authToken,
      date_created: date,
      date_updated: date,
      friendly_name: 'Sandbox account',
      owner_account_sid: sid,
      sid,
      status: 'active',
      subresource_uris: {
        messages: uri.replace(/\.json$/, '/Messages.json'),
        incoming_phone_numbers: uri.replace(/\.json$/, '/IncomingPhoneNumbers.json'),
      },
      type: 'Full',
      uri,
    },
  };
}

function listServices(context: SandboxContext): RestAnswer {
  const records = [...context.services.values()].map((service) =>
    toServiceResource(service, context.options.accountSid, context.createdAt),
  );
  return { status: 200, body: v1List('services', `${MESSAGING_BASE_URL}/v1/Services`, records) };
}

function fetchService(context: SandboxContext, request: RestRequest): RestAnswer {
  const service = context.services.get(request.params[0] ?? '');
  if (!service) return notFound(request.path);
  return { status: 200, body: toServiceResource(service, context.options.accountSid, context.createdAt) };
}

function listServiceNumbers(context: SandboxContext, request: RestRequest): RestAnswer {
  const service = context.services.get(request.params[0] ?? '');
  if (!service) return notFound(request.path);
  const records = service.phoneNumbers.flatMap((phoneNumber) => {
    const number = context.numbers.get(phoneNumber);
    return number
      ? [toServicePhoneNumberResource(number, service, context.options.accountSid, context.createdAt)]
      : [];
  });
  const url = `${MESSAGING_BASE_URL}/v1/Services/${service.sid}/PhoneNumbers`;
  return { status: 200, body: v1List('phone_numbers', url, records) };
}
