/**
 * Errors reach the terminal as one line (DESIGN.md: "a one-line reason on stderr"). A multi-line message
 * such as a config error with several issues keeps its head and joins the rest with `; `.
 */
export function oneLine(message: string): string {
  const lines = message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const [head = '', ...rest] = lines;
  if (rest.length === 0) return head;
  const joint = head.endsWith(':') ? ' ' : ': ';
  return `${head}${joint}${rest.join('; ')}`;
}

/** The one-line reason of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return oneLine(error.message) || error.name;
  return oneLine(String(error));
}
