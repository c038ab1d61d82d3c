import { defineConfig } from 'vitest/config';

// `npm test`: every suite that needs no browser — the worker's in workerd, the pure modules the
// widget and the console share, in Node, and the operators' commands (which start the worker themselves).
export default defineConfig({
  test: {
    projects: [
      'worker/vitest.config.mts',
      // In Node: the pure modules the widget and the console share, and checks of our own files.
      { test: { name: 'node', include: ['ui/**/*.test.ts', 'worker/**/*.node.test.ts', 'sdk/**/*.node.test.ts'], environment: 'node' } },
      // The widget's pure modules (what an element computes without a browser), in Node.
      { test: { name: 'widget', include: ['widget/**/*.test.ts'], environment: 'node' } },
      // The operators' commands, run as an operator runs them, on a local D1 of their own.
      { test: { name: 'scripts', include: ['scripts/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
    ],
  },
});
