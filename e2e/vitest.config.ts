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
    // A page opened in a fresh browser context fetches every script, the site's config and its data before it
    // shows anything; on a busy two-core machine that takes longer than the default second of polling.
    expect: { poll: { timeout: 10_000 } },
  },
});
