import { defineConfig } from 'vitest/config';

/** `pnpm stress`: the stress cases, apart from the unit tests, with limits meant for a loaded CI machine. */
export default defineConfig({
  test: {
    include: ['src/**/*.stress.ts'],
    testTimeout: 600_000,
  },
});
