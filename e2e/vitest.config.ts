import { defineConfig } from 'vitest/config';

// Browser and SDK tests against the real stack: `wrangler dev` on a fresh local D1, Chromium.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
