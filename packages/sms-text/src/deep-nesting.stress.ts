import { describe, expect, it } from 'vitest';
import { markdownToSms } from './markdown-to-sms.js';

/**
 * Stress cases, run by `pnpm stress` (vitest.stress.config.ts) rather than with the unit tests: they take about
 * a second on a quiet machine, almost all of it the markdown parser's, and many times that on a loaded one, so
 * their limit is generous and no unit test waits on them.
 */
describe('markdownToSms under stress', () => {
  it('renders 20,000 nested blockquotes without exhausting the stack', () => {
    expect(markdownToSms(`${'>'.repeat(20_000)} deep`)).toBe('deep');
  });

  it('renders 1,000 nested lists, the deepest beyond 200 levels as flat text', () => {
    const out = markdownToSms(`${'- '.repeat(1_000)}deep`);
    expect(out.endsWith('deep')).toBe(true);
    expect(out.split('\n')).toHaveLength(1);
  });
});
