/** Loopback ports of the test stack (apart from `npm run dev`'s 8787). */
export const PORTS = {
  /** wrangler dev: the API and the widget bundle. */
  worker: 8789,
  /** A county website on its own origin, in the demo site's allow-list. */
  host: 8790,
  /** A website that is not in the allow-list. */
  foreign: 8791,
} as const;

export const WORKER = `http://127.0.0.1:${PORTS.worker}`;
export const HOST = `http://127.0.0.1:${PORTS.host}`;
export const FOREIGN = `http://127.0.0.1:${PORTS.foreign}`;
