import type { D1Migration } from '@cloudflare/vitest-plugin';
import type { Env as WorkerEnv } from '../src/env';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** A second D1 database holding the site `own-db-county` (worker/vitest.config.mts). */
      DB_OWN_SITE: D1Database;
    }
    // Types `exports.default` from cloudflare:workers as our worker.
    interface GlobalProps {
      mainModule: typeof import('../src/index');
    }
  }
}
