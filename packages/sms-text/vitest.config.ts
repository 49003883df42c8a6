import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests wait on state and events, never on the clock; this only bounds a test that is stuck.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
