// A site's protection settings (migration 0033, table site_protection): read for each submission and
// follow-up, written by its admins. A site without a row has DEFAULT_PROTECTION.

import type { ProtectionSettings } from '../../../sdk/src/schemas/protection';
import type { SiteDatabase } from '../db/client';
import type { Selectable } from 'kysely';
import type { SiteProtectionTable } from '../db/schema';
import { wordRules, type WordRules } from './word-rules';

export type ProtectionRow = Selectable<SiteProtectionTable>;

/** What a site has before its admins change anything: the migration's column defaults. */
export const DEFAULT_PROTECTION: Omit<ProtectionRow, 'site_id' | 'updated_at'> = {
  banned_words: '[]',
  hold_words: '[]',
  hold_links: 1,
  hold_phones: 1,
  min_fill_seconds: 5,
  turnstile_site_key: null,
  turnstile_secret_enc: null,
  retention_days: 365,
};

/** The context the Turnstile secret is sealed with (bound to the site). */
export const turnstileSecretContext = (siteId: string) => `site_protection:${siteId}:turnstile_secret`;

/** The site's row, or the defaults. One primary-key read. */
export async function protectionOf(db: SiteDatabase, siteId: string): Promise<Omit<ProtectionRow, 'site_id' | 'updated_at'>> {
  return (await db.first(protectionQuery(db, siteId))) ?? DEFAULT_PROTECTION;
}

/** The statement `protectionOf` runs, for a batch of reads: the site's row (absent: the defaults). */
export function protectionQuery(db: SiteDatabase, siteId: string) {
  return db.q.selectFrom('site_protection').selectAll().where('site_id', '=', siteId);
}

/** The word lists and shapes held for a moderator, ready to match. */
export function rulesOf(row: Pick<ProtectionRow, 'banned_words' | 'hold_words' | 'hold_links' | 'hold_phones'>): WordRules {
  return wordRules({
    banned: JSON.parse(row.banned_words) as string[],
    hold: JSON.parse(row.hold_words) as string[],
    holdLinks: row.hold_links === 1,
    holdPhones: row.hold_phones === 1,
  });
}

/** The settings as admins read them: never the secret, only whether there is one. */
export function protectionSettings(row: Omit<ProtectionRow, 'site_id' | 'updated_at'>): ProtectionSettings {
  return {
    bannedWords: JSON.parse(row.banned_words) as string[],
    holdWords: JSON.parse(row.hold_words) as string[],
    holdLinks: row.hold_links === 1,
    holdPhones: row.hold_phones === 1,
    minFillSeconds: row.min_fill_seconds,
    turnstile: { siteKey: row.turnstile_site_key, hasSecret: row.turnstile_secret_enc !== null },
    retentionDays: row.retention_days,
  };
}
