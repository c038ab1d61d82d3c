import { createRoute, z } from '@hono/zod-openapi';
import { AdminIdParamsSchema } from '../../../sdk/src/schemas/admin';
import {
  CreateIntegrationKeyInputSchema, IntegrationKeySchema, IssuedIntegrationKeySchema,
} from '../../../sdk/src/schemas/integration-key';
import { newRouteGroup } from '../app';
import { auditEntry, auditEntryOfChange } from '../db/admin';
import { integrationKeyHash, keyPrefix, newIntegrationKey, siteIntegrationKeys, toIntegrationKey } from '../db/integration-keys';
import { notFound } from '../errors';
import { newId } from '../lib/crypto';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

/** Admins issue and revoke the site's integration keys (Open311's api_key). */
export const adminIntegrationKeys = newRouteGroup();

const listIntegrationKeys = createRoute({
  operationId: 'listIntegrationKeys',
  method: 'get',
  path: '/v1/admin/integration-keys',
  summary: 'The site’s integration keys (Open311 api_key), newest first, revoked ones too; never the keys themselves',
  responses: {
    200: { description: 'the keys', content: { 'application/json': { schema: z.array(IntegrationKeySchema) } } },
    ...officialErrorResponses,
  },
});

adminIntegrationKeys.openapi(listIntegrationKeys, async (c) => c.json(await siteIntegrationKeys(c.get('db'), c.get('site').id), 200));

const issueIntegrationKey = createRoute({
  operationId: 'issueIntegrationKey',
  method: 'post',
  path: '/v1/admin/integration-keys',
  summary: 'Issue an integration key: the answer shows it once; the service keeps only its hash (audited)',
  request: { body: { required: true, content: { 'application/json': { schema: CreateIntegrationKeyInputSchema } } } },
  responses: {
    201: { description: 'the new key, shown this once', content: { 'application/json': { schema: IssuedIntegrationKeySchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminIntegrationKeys.openapi(issueIntegrationKey, async (c) => {
  const { label } = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const apiKey = newIntegrationKey();
  const at = new Date().toISOString();
  const row = {
    id: newId('k'), site_id: site.id, label, key_hash: await integrationKeyHash(c.env.HASH_KEY, apiKey), prefix: keyPrefix(apiKey),
    created_by: c.get('official').id, created_at: at, revoked_at: null, last_used_at: null,
  };
  await db.batch([
    db.q.insertInto('integration_keys').values(row),
    auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'integration_key.create', detail: { key: row.id, prefix: row.prefix, label }, at }),
  ]);
  // Shown once: nothing may keep the answer.
  c.header('Cache-Control', 'no-store');
  return c.json({ ...toIntegrationKey(row), apiKey }, 201);
});

const revokeIntegrationKey = createRoute({
  operationId: 'revokeIntegrationKey',
  method: 'post',
  path: '/v1/admin/integration-keys/{id}/revoke',
  summary: 'Revoke an integration key: from now on it is refused (403); revoking it again changes nothing (audited once)',
  request: { params: AdminIdParamsSchema },
  responses: {
    200: { description: 'the key, revoked', content: { 'application/json': { schema: IntegrationKeySchema } } },
    ...officialErrorResponses,
  },
});

adminIntegrationKeys.openapi(revokeIntegrationKey, async (c) => {
  const { id } = c.req.valid('param');
  const site = c.get('site');
  const db = c.get('db');
  const select = () => db.first(db.q.selectFrom('integration_keys')
    .select(['id', 'label', 'prefix', 'created_at', 'revoked_at', 'last_used_at'])
    .where('id', '=', id).where('site_id', '=', site.id));
  const before = await select();
  if (!before) throw notFound();
  if (before.revoked_at) return c.json(toIntegrationKey(before), 200);
  const at = new Date().toISOString();
  await db.batch([
    db.q.updateTable('integration_keys').set({ revoked_at: at }).where('id', '=', id).where('site_id', '=', site.id).where('revoked_at', 'is', null),
    auditEntryOfChange(db, { siteId: site.id, accountId: c.get('official').id, action: 'integration_key.revoke', detail: { key: id, prefix: before.prefix, label: before.label }, at }),
  ]);
  return c.json(toIntegrationKey((await select())!), 200);
});
