// The SDK suite inside workerd: requests go straight to the worker (a real local D1), as a Worker
// using the SDK with a service binding would make them.
import { exports } from 'cloudflare:workers';
import { createSite } from '../../worker/test/fixtures';
import { createOfficial } from '../../worker/test/officials';
import { sdkSuite } from './suite';

const password = 'sdk-suite-password-2026';

sdkSuite(async () => {
  const site = await createSite();
  const admin = await createOfficial(site.siteId, 'admin', [], { password });
  return {
    baseUrl: 'https://liuyan.test',
    fetch: (input, init) => exports.default.fetch(new Request(input, init)),
    site: site.siteId,
    unitId: site.transportUnit,
    admin: { email: admin.email, password },
  };
});
