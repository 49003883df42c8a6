import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The browser test starts Chromium; the machine is shared, so give slow starts room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
