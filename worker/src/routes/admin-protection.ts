import { createRoute } from '@hono/zod-openapi';
import { ProtectionSettingsSchema, UpdateProtectionInputSchema, type ProtectionSettings } from '../../../sdk/src/schemas/protection';
import { newRouteGroup } from '../app';
import { auditEntry } from '../db/admin';
import { validationError } from '../errors';
import { createCipher } from '../lib/crypto';
import { protectionOf, protectionSettings, turnstileSecretContext } from '../protection/store';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

/** Admins set the site's word lists, what is held for a moderator, Turnstile and how long contact details are kept. */
export const adminProtection = newRouteGroup();

const getProtectionSettings = createRoute({
  operationId: 'getProtectionSettings',
  method: 'get',
  path: '/v1/admin/protection',
  summary: 'The site’s word lists, what is held for a moderator, Turnstile (never its secret) and the retention of contact details',
  responses: {
    200: { description: 'the settings', content: { 'application/json': { schema: ProtectionSettingsSchema } } },
    ...officialErrorResponses,
  },
});

adminProtection.openapi(getProtectionSettings, async (c) =>
  c.json(protectionSettings(await protectionOf(c.get('db'), c.get('site').id)), 200));

const updateProtectionSettings = createRoute({
  operationId: 'updateProtectionSettings',
  method: 'put',
  path: '/v1/admin/protection',
  summary: 'Set the word lists, what is held for a moderator, Turnstile (secret sealed at rest) and the retention of contact details (audited, by field)',
  request: { body: { required: true, content: { 'application/json': { schema: UpdateProtectionInputSchema } } } },
  responses: {
    200: { description: 'the settings now', content: { 'application/json': { schema: ProtectionSettingsSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminProtection.openapi(updateProtectionSettings, async (c) => {
  const input = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const before = await protectionOf(db, site.id);
  // Absent: kept (the settings as GET gives them, sent back, carry it as `turnstile.siteKey`).
  const siteKey = input.turnstileSiteKey === undefined ? before.turnstile_site_key : input.turnstileSiteKey || null;
  const secretEnc = !siteKey ? null
    : input.turnstileSecret ? await (await createCipher(c.env.DATA_KEY)).encrypt(input.turnstileSecret, turnstileSecretContext(site.id))
      : before.turnstile_secret_enc;
  // A site key without its secret would refuse every submission (nothing to check tokens with).
  if (siteKey && !secretEnc) throw validationError([{ field: 'turnstileSecret', code: 'required' }]);
  const at = new Date().toISOString();
  const row = {
    banned_words: JSON.stringify(input.bannedWords),
    hold_words: JSON.stringify(input.holdWords),
    hold_links: input.holdLinks ? 1 : 0,
    hold_phones: input.holdPhones ? 1 : 0,
    min_fill_seconds: input.minFillSeconds,
    turnstile_site_key: siteKey,
    turnstile_secret_enc: secretEnc,
    retention_days: input.retentionDays,
  };
  const after = protectionSettings(row);
  const old = protectionSettings(before);
  // The audit names what changed (the lists by name, never their words, nor the secret).
  const fields = (Object.keys(after) as (keyof ProtectionSettings)[]).filter((field) => JSON.stringify(after[field]) !== JSON.stringify(old[field]));
  if (input.turnstileSecret && siteKey && !fields.includes('turnstile')) fields.push('turnstile');
  if (fields.length > 0) {
    await db.batch([
      db.q.insertInto('site_protection').values({ site_id: site.id, ...row, updated_at: at })
        .onConflict((oc) => oc.column('site_id').doUpdateSet({ ...row, updated_at: at })),
      auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'protection.update', detail: { fields }, at }),
    ]);
  }
  return c.json(after, 200);
});
