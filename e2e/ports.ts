/**
 * Loopback ports of the test stack (apart from `npm run dev`'s 8787): three in a row from
 * `E2E_PORT_BASE` (default 8789), so two runs on one machine can use different ones.
 */
const base = Number(process.env.E2E_PORT_BASE) || 8789;

export const PORTS = {
  /** wrangler dev: the API and the widget bundle. */
  worker: base,
  /** A county website on its own origin, in the demo site's allow-list. */
  host: base + 1,
  /** A website that is not in the allow-list. */
  foreign: base + 2,
} as const;

export const WORKER = `http://127.0.0.1:${PORTS.worker}`;
export const HOST = `http://127.0.0.1:${PORTS.host}`;
export const FOREIGN = `http://127.0.0.1:${PORTS.foreign}`;
