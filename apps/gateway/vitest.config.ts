import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests start gateway processes and Chromium; the machine is shared, so give slow starts room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
