import { createRoute } from '@hono/zod-openapi';
import { SiteSettingsSchema, UpdateSiteInputSchema, type SiteSettings } from '../../../sdk/src/schemas/admin';
import { newRouteGroup } from '../app';
import { auditEntry, updateSiteStatement, type SiteChanges } from '../db/admin';
import type { Site } from '../db/sites';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

export const adminSite = newRouteGroup();

function settingsOf(site: Site): SiteSettings {
  return {
    id: site.id,
    name: site.name,
    locale: site.locale,
    moderation: site.moderation,
    allowedOrigins: site.allowedOrigins,
    types: site.types,
    domains: site.domains,
    deadlineDays: site.deadlineDays,
    titleMin: site.titleMin,
    bodyMin: site.bodyMin,
    privacyUrl: site.privacyUrl,
    privacyText: site.privacyText,
    submissionLimits: site.submissionLimits,
    followUpLimit: site.followUpLimit,
    reminderDays: site.reminderDays,
    hostedPages: site.hostedPages,
    returnUrl: site.returnUrl,
    returnLabel: site.returnLabel,
    themeColor: site.themeColor,
    shareImageUrl: site.shareImageUrl,
    stringOverrides: site.stringOverrides,
  };
}

const getSiteSettings = createRoute({
  operationId: 'getSiteSettings',
  method: 'get',
  path: '/v1/admin/site',
  summary: 'The site’s settings: moderation mode, embedding origins, message types and domains, deadlines',
  responses: {
    200: { description: 'the settings', content: { 'application/json': { schema: SiteSettingsSchema } } },
    ...officialErrorResponses,
  },
});

adminSite.openapi(getSiteSettings, (c) => c.json(settingsOf(c.get('site')), 200));

const updateSiteSettings = createRoute({
  operationId: 'updateSiteSettings',
  method: 'patch',
  path: '/v1/admin/site',
  summary: 'Change some of the site’s settings (audited)',
  request: { body: { required: true, content: { 'application/json': { schema: UpdateSiteInputSchema } } } },
  responses: {
    200: { description: 'the settings after the change', content: { 'application/json': { schema: SiteSettingsSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminSite.openapi(updateSiteSettings, async (c) => {
  const input = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const before = settingsOf(site);
  const after: SiteSettings = {
    ...before,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.moderation !== undefined && { moderation: input.moderation }),
    ...(input.allowedOrigins !== undefined && { allowedOrigins: input.allowedOrigins }),
    ...(input.types !== undefined && { types: input.types }),
    ...(input.domains !== undefined && { domains: input.domains }),
    ...(input.deadlineDays !== undefined && { deadlineDays: { ...before.deadlineDays, ...input.deadlineDays } }),
    ...(input.titleMin !== undefined && { titleMin: input.titleMin }),
    ...(input.bodyMin !== undefined && { bodyMin: input.bodyMin }),
    ...(input.privacyUrl !== undefined && { privacyUrl: input.privacyUrl || null }),
    ...(input.privacyText !== undefined && { privacyText: input.privacyText || null }),
    ...(input.submissionLimits !== undefined && { submissionLimits: { ...before.submissionLimits, ...input.submissionLimits } }),
    ...(input.followUpLimit !== undefined && { followUpLimit: input.followUpLimit }),
    ...(input.reminderDays !== undefined && { reminderDays: input.reminderDays }),
    ...(input.hostedPages !== undefined && { hostedPages: input.hostedPages }),
    // Set together (the schema sees to it): an address and its words, or neither.
    ...(input.returnUrl !== undefined && { returnUrl: input.returnUrl || null, returnLabel: input.returnLabel || null }),
    ...(input.themeColor !== undefined && { themeColor: input.themeColor }),
    ...(input.shareImageUrl !== undefined && { shareImageUrl: input.shareImageUrl || null }),
    // All of them at once: the admin's form shows every one, and one left empty goes back to the shipped words.
    ...(input.stringOverrides !== undefined && { stringOverrides: input.stringOverrides }),
  };
  const changes: SiteChanges = {};
  for (const field of [
    'name', 'moderation', 'allowedOrigins', 'types', 'domains', 'deadlineDays', 'titleMin', 'bodyMin', 'privacyUrl', 'privacyText', 'submissionLimits',
    'followUpLimit',
    'reminderDays',
    'hostedPages', 'returnUrl', 'returnLabel', 'themeColor',
    'shareImageUrl',
    'stringOverrides',
  ] as const) {
    if (JSON.stringify(after[field]) !== JSON.stringify(before[field])) Object.assign(changes, { [field]: after[field] });
  }
  const changed = Object.keys(changes);
  if (changed.length > 0) {
    const at = new Date().toISOString();
    // The audit row names the fields only: origins and names are settings, not evidence to keep twice.
    await db.batch([
      updateSiteStatement(db, site.id, changes, at),
      auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'site.update', detail: { fields: changed }, at }),
    ]);
  }
  return c.json(after, 200);
});
