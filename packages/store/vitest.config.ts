import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The thread, CommonJS and boundary tests run the built package: build it first when it is missing or
    // older than its sources (a failed build fails the run, with tsup's output).
    globalSetup: ['./src/__fixtures__/ensure-built.ts'],
  },
});
