/** Waiting on state, never on a guessed delay: `check` is asked until it holds; the deadline only catches hangs. */

/** The longest any single wait may take before the run fails as hung. @default 120000 */
const hangMs = Number(process.env.SCALE_WAIT_LIMIT_MS ?? 120_000);

export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + hangMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${hangMs} ms (a hang?)`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
