import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toConfigIssues } from './to-config-issues.js';

describe('toConfigIssues for an app schema', () => {
  const gateway = z.strictObject({ port: z.int(), host: z.string().optional() });
  const app = z.looseObject({ gateway: gateway.optional() });

  it('gives the app the same unknown-key suggestions and absolute paths', () => {
    const parsed = app.safeParse({ gateway: { prot: 8080 } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(toConfigIssues(parsed.error.issues, app)).toEqual([
      { path: ['gateway', 'port'], severity: 'error', message: expect.stringMatching(/expected number/) },
      { path: ['gateway', 'prot'], severity: 'error', message: 'unknown key "prot"; did you mean "port"?' },
    ]);
  });

  it('prefixes a base path for a section validated on its own', () => {
    const parsed = gateway.safeParse({ port: 'x' });
    if (parsed.success) throw new Error('expected a failure');
    expect(toConfigIssues(parsed.error.issues, gateway, ['gateway']).map((issue) => issue.path)).toEqual([
      ['gateway', 'port'],
    ]);
  });
});
