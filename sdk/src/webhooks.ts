// Webhook signatures, as Stripe signs its events: the header `Liuyan-Signature: t=<unix seconds>,v1=<hex>`,
// where the hex is HMAC-SHA256(secret, `${t}.${body}`) over the exact bytes of the body. While an
// endpoint's secret is rotated, the header carries one `v1=` per valid secret. Web Crypto only, so it
// runs in browsers, Node 22+, Workers and Deno. (See https://docs.stripe.com/webhooks#verify-manually.)
import type { WebhookEvent } from './schemas/webhook';

const encoder = new TextEncoder();

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=…]`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Liuyan-Signature';

/** Why a webhook was refused (`WebhookVerificationError.reason`). */
export type WebhookVerificationFailure =
  /** No header, or no `t=` / `v1=` in it. */
  | 'malformed_header'
  /** `t` is more than `toleranceSeconds` away from now: an old request replayed, or a clock far off. */
  | 'timestamp_outside_tolerance'
  /** No `v1=` matches any of the secrets: a wrong secret, or a body changed on the way. */
  | 'no_matching_signature'
  /** The signature matched but the body is not JSON. */
  | 'malformed_payload';

export class WebhookVerificationError extends Error {
  constructor(readonly reason: WebhookVerificationFailure) {
    super(`webhook refused: ${reason}`);
    this.name = 'WebhookVerificationError';
  }
}

export interface VerifyWebhookOptions {
  /** The request body exactly as received (the text, or its bytes): never a re-serialised object. */
  payload: string | Uint8Array;
  /** The `Liuyan-Signature` header. */
  header: string | null | undefined;
  /** The endpoint's secret (`whsec_…`), or several: during a rotation, the new one and the old one. */
  secrets: string | readonly string[];
  /** How far `t` may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Now, for tests (default: the clock). */
  now?: Date;
}

function bytesOf(payload: string | Uint8Array): Uint8Array {
  return typeof payload === 'string' ? encoder.encode(payload) : payload;
}

function signedBytes(timestamp: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const bytes = new Uint8Array(prefix.length + payload.length);
  bytes.set(prefix);
  bytes.set(payload, prefix.length);
  return bytes;
}

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * The `Liuyan-Signature` header for `payload` at `timestamp` (unix seconds): one `v1=` per secret, in
 * the order given. The service signs with this; a receiver's tests can too.
 */
export async function signWebhook(payload: string | Uint8Array, secrets: readonly string[], timestamp: number): Promise<string> {
  const data = signedBytes(timestamp, bytesOf(payload));
  const signatures = await Promise.all(secrets.map(async (secret) => {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), data));
    return `v1=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  }));
  return [`t=${timestamp}`, ...signatures].join(',');
}

/**
 * Checks a webhook request and returns its event: the timestamp is within `toleranceSeconds` of now
 * and one of the `v1=` signatures is HMAC-SHA256 of `t.body` under one of `secrets` (compared in
 * constant time by Web Crypto's `verify`). Throws `WebhookVerificationError` otherwise; its `reason`
 * says why. Repeats of one event (retries, re-sends) carry the same `id`: ignore one already handled.
 *
 * @example
 * const body = await request.text();
 * const event = await verifyWebhook({ payload: body, header: request.headers.get('Liuyan-Signature'), secrets: [env.LIUYAN_WEBHOOK_SECRET] });
 * if (event.type === 'message.replied') …
 */
export async function verifyWebhook({ payload, header, secrets, toleranceSeconds = 300, now = new Date() }: VerifyWebhookOptions): Promise<WebhookEvent> {
  const parts = (header ?? '').split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key, value]) => key === 't' && /^\d{1,12}$/.test(value ?? '')).map(([, value]) => Number(value));
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => fromHex(value ?? '')).filter((s) => s !== null);
  if (timestamps.length !== 1 || signatures.length === 0) throw new WebhookVerificationError('malformed_header');
  const timestamp = timestamps[0]!;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) throw new WebhookVerificationError('timestamp_outside_tolerance');
  const bytes = bytesOf(payload);
  const data = signedBytes(timestamp, bytes);
  let matched = false;
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const key = await hmacKey(secret, 'verify');
    for (const signature of signatures) {
      if (await crypto.subtle.verify('HMAC', key, signature, data)) matched = true;
    }
  }
  if (!matched) throw new WebhookVerificationError('no_matching_signature');
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('malformed_payload');
  }
}
