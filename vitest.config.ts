import { defineConfig } from 'vitest/config';

// `npm test`: every suite that needs no browser and no running server — the worker's in workerd,
// and the pure modules the widget and the console share, in Node.
export default defineConfig({
  test: {
    projects: [
      'worker/vitest.config.mts',
      // In Node: the pure modules the widget and the console share, and checks of our own files.
      { test: { name: 'node', include: ['ui/**/*.test.ts', 'worker/**/*.node.test.ts'], environment: 'node' } },
    ],
  },
});
