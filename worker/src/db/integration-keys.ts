// Per-site integration keys (Open311's api_key): issued and revoked by admins, stored as keyed hashes.
import type { IntegrationKey } from '../../../sdk/src/schemas/integration-key';
import { keyedHash } from '../lib/crypto';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import type { IntegrationKeyTable } from './schema';

const KEY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** Characters of a key admins see, to tell keys apart (the `lyk_` mark and 4 random ones). */
const PREFIX_CHARS = 8;

/** A new key: `lyk_` and 32 random characters of 32 symbols (160 bits), never stored as it is. */
export function newIntegrationKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `lyk_${[...bytes].map((b) => KEY_ALPHABET[b & 31]).join('')}`;
}

/** What a key is stored and looked up by (HMAC-SHA256 with HASH_KEY, hex). */
export const integrationKeyHash = (hashKey: string, apiKey: string) => keyedHash(hashKey, `integration-key:${apiKey}`);

export const keyPrefix = (apiKey: string) => apiKey.slice(0, PREFIX_CHARS);

export function toIntegrationKey(row: Omit<IntegrationKeyTable, 'key_hash' | 'site_id' | 'created_by'>): IntegrationKey {
  return {
    id: row.id,
    label: row.label,
    prefix: row.prefix,
    createdAt: toSiteTime(row.created_at),
    revokedAt: row.revoked_at ? toSiteTime(row.revoked_at) : null,
    lastUsedAt: row.last_used_at ? toSiteTime(row.last_used_at) : null,
  };
}

/** The site's keys, newest first (revoked ones too: admins see what was issued). At most 100. */
export async function siteIntegrationKeys(db: SiteDatabase, siteId: string): Promise<IntegrationKey[]> {
  const rows = await db.all(db.q.selectFrom('integration_keys')
    .select(['id', 'label', 'prefix', 'created_at', 'revoked_at', 'last_used_at'])
    .where('site_id', '=', siteId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc')
    .limit(100));
  return rows.map(toIntegrationKey);
}

/** The live (not revoked) key of this site that `apiKey` is, or null: wrong, revoked and other sites' keys alike. */
export async function findLiveIntegrationKey(db: SiteDatabase, hashKey: string, siteId: string, apiKey: string) {
  if (!/^lyk_[a-z2-9]{32}$/.test(apiKey)) return null;
  return db.first(db.q.selectFrom('integration_keys')
    .select(['id', 'label'])
    .where('key_hash', '=', await integrationKeyHash(hashKey, apiKey))
    .where('site_id', '=', siteId)
    .where('revoked_at', 'is', null));
}

/** Records a key's use (in the batch of the message it posted). */
export function markKeyUsed(db: SiteDatabase, keyId: string, at: string) {
  return db.q.updateTable('integration_keys').set({ last_used_at: at }).where('id', '=', keyId);
}
