import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { keyedHash, newId } from './crypto';

/**
 * The id of what an official's write creates (a reply, a unit, a webhook endpoint): made from the
 * request's `Idempotency-Key` when it has one, so a retry of the same request makes the same id and
 * finds it already there (the route then answers as the first time, and the insert's primary key
 * refuses a second row even when two copies race); a new random id otherwise. The key is scoped to
 * the site and the official (HMAC with HASH_KEY): one official's key never names another's row.
 * `keyed` says whether a retry can be recognised. `within` narrows the key to one thing written to
 * (a message's id, for its notes): the same key sent for another message makes another id.
 */
export async function keyedId(c: Context<AppEnv>, prefix: string, within = ''): Promise<{ id: string; keyed: boolean }> {
  const key = c.req.header('Idempotency-Key');
  if (!key) return { id: newId(prefix), keyed: false };
  const hex = await keyedHash(c.env.HASH_KEY, `${prefix}:${c.get('official').siteId}:${c.get('official').id}:${within ? `${within}:` : ''}${key}`);
  // The same alphabet and length as newId (80 bits).
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let id = '';
  for (let i = 0; i < 16; i++) id += alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) & 31];
  return { id: `${prefix}_${id}`, keyed: true };
}
