import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { smsReceiver } from './test/sms-receiver';

const root = path.resolve(import.meta.dirname, '..');

/** `LIUYAN_RANDOM_BODIES`: a positive whole number, 1,000 when unset; anything else stops the run rather than send none. */
function randomBodies(value: string | undefined): number {
  if (value === undefined) return 1_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`LIUYAN_RANDOM_BODIES must be a positive whole number, not "${value}"`);
  return n;
}

// Worker tests run inside workerd on a real local D1, migrated with the real migrations.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: path.join(root, 'wrangler.toml') },
      miniflare: {
        // A second database, holding one site (`own-db-county`) the way a large site is moved to a
        // D1 database of its own: its binding, and the line of SITE_DATABASES that points the site at it.
        d1Databases: ['DB', 'DB_OWN_SITE'],
        bindings: {
          SITE_DATABASES: JSON.stringify({ 'own-db-county': 'DB_OWN_SITE' }),
          TEST_MIGRATIONS: await readD1Migrations(path.join(root, 'worker/migrations')),
          // Fixed test keys: tests never touch real data.
          DATA_KEY: 'dGVzdC1kYXRhLWtleS10ZXN0LWRhdGEta2V5LTMyYiE=',
          HASH_KEY: 'dGVzdC1oYXNoLWtleS10ZXN0LWhhc2gta2V5LTMyYiE=',
          // Webhook endpoints may be the local receiver (worker/test/webhook-receiver.ts), on http://127.0.0.1.
          WEBHOOK_LOOPBACK: 'true',
          // Turnstile's siteverify: the local stand-in (worker/test/turnstile-verifier.ts).
          TURNSTILE_VERIFY_URL: 'https://turnstile.receiver.test/siteverify',
        },
        // Every fetch the worker makes goes to a local receiver standing in for the SMS providers.
        outboundService: smsReceiver,
      },
    }),
  ],
  test: {
    name: 'worker',
    // The console client is tested against the real worker, so it runs here too.
    include: ['worker/**/*.test.ts', 'sdk/src/console-client.test.ts', 'sdk/test/sdk.test.ts'],
    // Those run in Node (the root vitest.config.ts).
    exclude: ['worker/**/*.node.test.ts'],
    setupFiles: ['worker/test/apply-migrations.ts'],
    // Tests run the real stack (password hashing, D1, the queue): on a busy two-core machine one that
    // takes 2 s alone can take 6, past Vitest's default of 5.
    testTimeout: 30_000,
    globalSetup: ['worker/test/webhook-receiver.ts'],
    // How many random bodies worker/src/routes/random-bodies.test.ts sends (CI: 10,000).
    provide: { randomBodies: randomBodies(process.env.LIUYAN_RANDOM_BODIES) },
  },
  root,
});
