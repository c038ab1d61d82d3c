// A local HTTP receiver for webhook deliveries, started in Node before the worker tests (globalSetup
// of worker/vitest.config.mts) and reached from workerd at the address tests `inject('webhookReceiver')`.
// Endpoints are named boxes: `POST /ok/<box>` answers 200, `POST /fail/<box>` answers 500 with a long
// body (to check that only an excerpt is kept); every POST is kept with its headers and exact body.
// `GET /received/<box>` lists what a box received, oldest first.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. `http://127.0.0.1:40123` */
    webhookReceiver: string;
  }
}

export default async function setup(project: TestProject) {
  const boxes = new Map<string, ReceivedWebhook[]>();
  const server = createServer((req, res) => {
    const [, action, box] = (req.url ?? '').split('/');
    if (req.method === 'GET' && action === 'received' && box) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(boxes.get(box) ?? []));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!box) return res.writeHead(404).end();
      boxes.set(box, [...(boxes.get(box) ?? []), { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }]);
      if (action === 'ok') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      else res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`receiver broken: ${'x'.repeat(1000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('webhookReceiver', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
