/**
 * Why `value` is not an absolute http(s) URL, or undefined when it is one: the one check behind every URL the
 * sandbox takes (options, `sms_url` changes, `MediaUrl` and `StatusCallback`), each caller answering in its own
 * way (an options error, a 400 naming the field, or Twilio's 21609 / 21620).
 */
export function httpUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    return `"${value}" is not an absolute URL (${String(error)})`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${value}" must be an http or https URL`;
  return undefined;
}
