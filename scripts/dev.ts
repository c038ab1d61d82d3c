// `npm run dev`: the whole thing on this machine — API, widget, examples — on an embedded D1.
import { buildPublic } from './build-widget';
import { ensureDevVars, migrate, seed, startWorker } from './local-stack';

const port = Number(process.env.PORT ?? 8787);
const keys = ensureDevVars();
await buildPublic();
migrate();
const seeded = await seed(keys, { port });
const base = `http://127.0.0.1:${port}`;
console.log(`
  Liuyan is starting on ${base}
    Example county site:  ${base}/examples/gov-site/
    Example drive page:   ${base}/examples/news-campaign/  (建言专栏 on 示范日报)
    Site config (API):    ${base}/v1/sites/demo
    OpenAPI document:     ${base}/openapi.json
    Officials' console:   ${base}/console/

  Demo officials — demo only, never on a real site. Sign in at ${base}/console/ with email and password:
${seeded.demoAccounts.map((a) => `    ${a.email.padEnd(31)} password ${a.password}   ${a.role.padEnd(9)} ${a.displayName}`).join('\n')}

  ${seeded.created ? `Seeded the demo site with ${seeded.messages} messages.` : 'The demo site was already seeded.'}${
  seeded.sampleTrackingCode ? `\n  A private demo message's tracking code, to try <liuyan-track>: ${seeded.sampleTrackingCode}` : ''}
`);
const worker = startWorker({ port });
worker.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => worker.kill(signal));
