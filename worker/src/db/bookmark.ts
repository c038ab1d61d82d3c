import type { Env } from '../env';
import { createCipher } from '../lib/crypto';
import { D1_BOOKMARK } from './client';

/** Bound into each sealed bookmark, so no other ciphertext of DATA_KEY passes for one, nor one for another. */
const CONTEXT = 'd1-bookmark';

/**
 * A D1 bookmark as a client holds it, sealed (AES-GCM under DATA_KEY, `v1:<iv>:<data>`, ~140
 * characters, different each time): a bare bookmark is the database's write position, and watching
 * it would tell anyone how much is being written — hidden and private messages included.
 */
export async function sealBookmark(env: Env, bookmark: string): Promise<string> {
  return (await createCipher(env.DATA_KEY)).encrypt(bookmark, CONTEXT);
}

/** The bookmark a client sent back; undefined when there is none, or it is not one of ours. */
export async function openBookmark(env: Env, sealed: string | undefined): Promise<string | undefined> {
  if (!sealed || sealed.length > 256) return undefined;
  try {
    const bookmark = await (await createCipher(env.DATA_KEY)).decrypt(sealed, CONTEXT);
    return D1_BOOKMARK.test(bookmark) ? bookmark : undefined;
  } catch {
    return undefined;
  }
}
