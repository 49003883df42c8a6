/** A rough "in 59 min" / "3 h ago" for people reading a table; JSON output carries exact timestamps. */
export function formatRelative(at: number, now: number): string {
  const ms = at - now;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const amount =
    minutes < 1 ? 'less than a minute' : minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
  return ms >= 0 ? `in ${amount}` : `${amount} ago`;
}
