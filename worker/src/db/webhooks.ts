// A site's webhook endpoints and their deliveries, as admins manage and see them (/v1/admin/webhooks).
import ipaddr from 'ipaddr.js';
import { sql } from 'kysely';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookEventType } from '../../../sdk/src/schemas/webhook';
import type { Env } from '../env';
import { validationError } from '../errors';
import { createCipher } from '../lib/crypto';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import type { WebhookEndpointTable } from './schema';

/** Endpoints a site may have: each event is one delivery per endpoint. */
export const MAX_ENDPOINTS_PER_SITE = 10;
/** How long the previous secret still signs after a rotation: a day to deploy the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
/** Attempts shown with each delivery. */
const RECENT_ATTEMPTS = 5;

type EndpointRow = Omit<WebhookEndpointTable, 'description'> & { description: string };

export const ENDPOINT_COLUMNS = [
  'id', 'site_id', 'url', 'description', 'events', 'secret', 'previous_secret', 'previous_secret_expires_at',
  'disabled_at', 'created_by', 'created_at', 'updated_at',
] as const;

/** A new signing secret: `whsec_` and 32 random bytes, base64url (256 bits). */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** Secrets are sealed with DATA_KEY, bound to their endpoint: a ciphertext copied to another row will not open. */
const secretContext = (endpointId: string) => `webhook-secret:${endpointId}`;

export async function sealSecret(env: Env, endpointId: string, secret: string): Promise<string> {
  return (await createCipher(env.DATA_KEY)).encrypt(secret, secretContext(endpointId));
}

/**
 * The secrets that sign a delivery now: the current one, and during a rotation the previous one until
 * it expires (receivers accept either, so a receiver not yet given the new secret keeps working).
 */
export async function signingSecrets(env: Env, endpoint: Pick<EndpointRow, 'id' | 'secret' | 'previous_secret' | 'previous_secret_expires_at'>, now: Date): Promise<string[]> {
  const cipher = await createCipher(env.DATA_KEY);
  const secrets = [await cipher.decrypt(endpoint.secret, secretContext(endpoint.id))];
  if (endpoint.previous_secret && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > now.toISOString()) {
    secrets.push(await cipher.decrypt(endpoint.previous_secret, secretContext(endpoint.id)));
  }
  return secrets;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Refuses (422, field `url`) an address a site's events may not go to: anything but https
 * (`not_https`), and a host that is not on the public internet (`not_public_address`): localhost and
 * the other special-use names (`PRIVATE_NAMES`), with or without a trailing dot, and
 * any IP literal outside global unicast, however written (the URL parser turns `0x7f000001` into
 * 127.0.0.1): loopback, private (RFC 1918, fc00::/7), shared (100.64/10), link-local (169.254/16 —
 * cloud metadata —, fe80::/10), benchmarking (198.18/15), documentation, multicast, unspecified, and
 * every IPv6 form that carries an IPv4 address (mapped ::ffff:0:0/96, compatible ::/96, NAT64
 * 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32), since 127.0.0.1 or 169.254.169.254 can hide in
 * each. The ranges are those of the IANA special-purpose registries as `ipaddr.js` keeps them
 * (`range()` other than `unicast`). Except http to this machine (127.0.0.1, localhost, [::1]) when the var
 * WEBHOOK_LOOPBACK is "true" — set for the tests and local development only (worker/vitest.config.mts,
 * .dev.vars), never deployed. Host names are not resolved here: a Worker's `fetch` goes out through
 * Cloudflare's network, which does not reach a private address a name may resolve to.
 */
export function checkEndpointUrl(env: Env, url: string): void {
  const parsed = new URL(url);
  if (env.WEBHOOK_LOOPBACK === 'true' && parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return;
  if (parsed.protocol !== 'https:') throw validationError([{ field: 'url', code: 'not_https' }]);
  if (!isPublicHost(parsed.hostname)) throw validationError([{ field: 'url', code: 'not_public_address' }]);
}

/**
 * Names no public DNS answers for anything on the internet, which a resolver inside a network may
 * answer for something there (RFC 6761 `localhost`, `test`; RFC 6762 `local`; RFC 7686 `onion`;
 * RFC 8375 `home.arpa`; ICANN's `internal`, reserved in 2024 for private networks; and the names RFC
 * 6762 Appendix G finds in use inside networks, which the root zone does not delegate: `intranet`,
 * `private`, `corp`, `home`, `lan`; and `localdomain`, which many systems' hosts files give this
 * machine, as in `localhost.localdomain`): each, and every name under it. (`invalid` resolves nowhere, by
 * RFC 6761: such an address is taken, and its deliveries fail, as any address that cannot be reached.)
 */
const PRIVATE_NAMES = ['localhost', 'test', 'local', 'onion', 'home.arpa', 'internal', 'intranet', 'private', 'corp', 'home', 'lan', 'localdomain'];

/** Whether a URL's hostname (as `URL` gives it: IPv6 in brackets, IPv4 normalised) may be on the public internet. */
function isPublicHost(hostname: string): boolean {
  // A name's trailing dot (`localhost.`, fully qualified) names the same host.
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (PRIVATE_NAMES.some((name) => host === name || host.endsWith(`.${name}`))) return false;
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(literal)) return true;
  const address = ipaddr.parse(literal);
  // IPv4-compatible (::a.b.c.d, RFC 4291 §2.5.5.1, deprecated) is not one of the registry's ranges.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return address.range() === 'unicast';
}

export function toWebhookEndpoint(row: EndpointRow, deadDeliveries: number, now: Date): WebhookEndpoint {
  const rotating = row.previous_secret_expires_at && row.previous_secret_expires_at > now.toISOString();
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEventType[],
    enabled: row.disabled_at === null,
    createdAt: toSiteTime(row.created_at),
    updatedAt: toSiteTime(row.updated_at),
    previousSecretExpiresAt: rotating ? toSiteTime(row.previous_secret_expires_at!) : null,
    deadDeliveries,
  };
}

export function findEndpoint(db: SiteDatabase, siteId: string, id: string): Promise<EndpointRow | null> {
  return db.first(db.q.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('id', '=', id).where('site_id', '=', siteId));
}

async function deadCounts(db: SiteDatabase, endpointIds: string[]): Promise<Map<string, number>> {
  if (endpointIds.length === 0) return new Map();
  const rows = await db.all(db.q.selectFrom('webhook_deliveries')
    .select((eb) => ['endpoint_id', eb.fn.countAll<number>().as('n')])
    .where('endpoint_id', 'in', endpointIds).where('status', '=', 'dead')
    .groupBy('endpoint_id'));
  return new Map(rows.map((r) => [r.endpoint_id, r.n]));
}

/** The site's endpoints, oldest first, with how many deliveries of each are dead. */
export async function siteEndpoints(db: SiteDatabase, siteId: string, now: Date): Promise<WebhookEndpoint[]> {
  const rows = await db.all(db.q.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS)
    .where('site_id', '=', siteId).orderBy('created_at').orderBy('id'));
  const dead = await deadCounts(db, rows.map((r) => r.id));
  return rows.map((row) => toWebhookEndpoint(row, dead.get(row.id) ?? 0, now));
}

/** One endpoint as admins see it, or null. */
export async function siteEndpoint(db: SiteDatabase, siteId: string, id: string, now: Date): Promise<WebhookEndpoint | null> {
  const row = await findEndpoint(db, siteId, id);
  if (!row) return null;
  return toWebhookEndpoint(row, (await deadCounts(db, [id])).get(id) ?? 0, now);
}

function toAttempt(row: { at: string; status_code: number | null; duration_ms: number; error: string | null; response_excerpt: string | null }): WebhookAttempt {
  return {
    at: toSiteTime(row.at),
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    error: row.error as WebhookAttempt['error'],
    responseExcerpt: row.response_excerpt,
  };
}

/** An endpoint's deliveries (or the one `id`), newest first, each with its last attempts. */
export async function endpointDeliveries(db: SiteDatabase, endpointId: string, filter: { status?: WebhookDeliveryStatus; id?: string; limit: number }): Promise<WebhookDelivery[]> {
  let query = db.q.selectFrom('webhook_deliveries')
    .select(['id', 'event_id', 'event_type', 'message_id', 'status', 'attempts', 'next_attempt_at', 'created_at'])
    .where('endpoint_id', '=', endpointId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.id) query = query.where('id', '=', filter.id);
  const deliveries = await db.all(query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit));
  if (deliveries.length === 0) return [];
  // The last few attempts of each, in one statement (one bound value for the ids, whatever their number).
  const attempts = await db.all(db.q.selectFrom('webhook_attempts as a')
    .select(['a.delivery_id', 'a.at', 'a.status_code', 'a.duration_ms', 'a.error', 'a.response_excerpt'])
    .where(sql<boolean>`a.delivery_id IN (SELECT value FROM json_each(${JSON.stringify(deliveries.map((d) => d.id))}))`)
    .where(sql<boolean>`(SELECT COUNT(*) FROM webhook_attempts n WHERE n.delivery_id = a.delivery_id AND n.id > a.id) < ${RECENT_ATTEMPTS}`)
    .orderBy('a.id', 'desc'));
  return deliveries.map((d) => ({
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type as WebhookEventType,
    messageId: d.message_id,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'retrying' && d.next_attempt_at ? toSiteTime(d.next_attempt_at) : null,
    createdAt: toSiteTime(d.created_at),
    recentAttempts: attempts.filter((a) => a.delivery_id === d.id).map(toAttempt),
  }));
}
