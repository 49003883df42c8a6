/**
 * How a link reads in an SMS: `label (url)`, or one of the two when the other is empty, redundant, or of no
 * use on a phone (an in-page `#anchor`).
 */
export function withTarget(label: string, url: string): string {
  const text = label.trim();
  if (url === '' || url.startsWith('#')) return text;
  // A phone links an e-mail address by itself; `mailto:` is noise there.
  const target = url.replace(/^mailto:/i, '');
  if (text === '') return target;
  if (bareAddress(text) === bareAddress(url)) return /^tel:/i.test(url) ? text : target;
  return `${text} (${target})`;
}

/** An address without scheme, `www.`, trailing slash or case, to tell "the label is the URL". */
function bareAddress(address: string): string {
  return address
    .toLowerCase()
    .replace(/^(?:[a-z][a-z0-9+.-]*:(?:\/\/)?)?(?:www\.)?/, '')
    .replace(/\/+$/, '');
}
