import type { D1Migration } from '@cloudflare/vitest-plugin';
import type { Env as WorkerEnv } from '../src/env';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    // Types `exports.default` from cloudflare:workers as our worker.
    interface GlobalProps {
      mainModule: typeof import('../src/index');
    }
  }
}
