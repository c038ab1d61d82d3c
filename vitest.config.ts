import { defineConfig } from 'vitest/config';

// `npm test`: every suite that needs no browser and no running server.
export default defineConfig({
  test: {
    projects: ['worker/vitest.config.mts'],
  },
});
