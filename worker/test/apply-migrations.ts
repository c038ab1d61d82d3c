import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// The database of a site of its own (worker/vitest.config.mts), migrated the same way.
await applyD1Migrations(env.DB_OWN_SITE, env.TEST_MIGRATIONS);
import './request-log';
