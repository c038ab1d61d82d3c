import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AuditAction } from '../../../sdk/src/schemas/audit';
import { AdminIdParamsSchema } from '../../../sdk/src/schemas/admin';
import {
  AdminCampaignSchema, CreateCampaignInputSchema, UpdateCampaignInputSchema,
} from '../../../sdk/src/schemas/campaign';
import { newRouteGroup } from '../app';
import { auditEntry, auditEntryOfChange } from '../db/admin';
import { campaignColumns, campaignFigures, isOpen, outletsOf, siteCampaigns, toAdminCampaign } from '../db/campaigns';
import type { SiteDatabase } from '../db/client';
import type { CampaignRow } from '../db/schema';
import { knownUnitIds, type Site } from '../db/sites';
import { ApiError, notFound, validationError, type FieldProblem } from '../errors';
import { newId } from '../lib/crypto';
import { bodyErrorResponses, officialErrorResponses, problem } from './openapi-common';

/** Admins create, edit, end and (while no message was sent to one) delete the site's suggestion drives (建言专栏). */
export const adminCampaigns = newRouteGroup();

type Fields = Omit<Required<z.output<typeof CreateCampaignInputSchema>>, 'slug'>;

/** What the schema cannot check alone: the window's order, the site's units, types and domains. */
async function problemsOf(db: SiteDatabase, site: Site, f: Fields): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (Date.parse(f.endsAt) <= Date.parse(f.startsAt)) problems.push({ field: 'endsAt', code: 'before_start' });
  const units = await knownUnitIds(db, site.id, f.unitIds);
  f.unitIds.forEach((id, i) => { if (!units.has(id)) problems.push({ field: `unitIds.${i}`, code: 'unknown_unit' }); });
  f.types.forEach((type, i) => { if (!site.types.includes(type)) problems.push({ field: `types.${i}`, code: 'type_not_allowed' }); });
  f.domains.forEach((domain, i) => { if (!site.domains.includes(domain)) problems.push({ field: `domains.${i}`, code: 'domain_not_allowed' }); });
  return problems;
}

/**
 * The outlets' pages must reach the service: their origins join the site's allow-list (in the same
 * batch as the drive). Removing an outlet leaves its origin allowed; admins remove it in the site's settings.
 */
function allowOutlets(db: SiteDatabase, site: Site, f: Pick<Fields, 'outlets'>, at: string) {
  const added = f.outlets.map((o) => o.origin).filter((origin) => !site.allowedOrigins.includes(origin));
  if (added.length === 0) return [];
  return [db.q.updateTable('sites').set({ allowed_origins: JSON.stringify([...site.allowedOrigins, ...added]), updated_at: at }).where('id', '=', site.id)];
}

const isUniqueViolation = (error: unknown) => error instanceof Error && /UNIQUE constraint failed/i.test(error.message);

async function answer(db: SiteDatabase, row: CampaignRow) {
  return toAdminCampaign(row, (await campaignFigures(db, [row.id])).get(row.id));
}

const listAdminCampaigns = createRoute({
  operationId: 'listAdminCampaigns',
  method: 'get',
  path: '/v1/admin/campaigns',
  summary: 'The site’s suggestion drives (50 at most, the latest to end first), with outlets’ origins and figures',
  responses: {
    200: { description: 'the drives', content: { 'application/json': { schema: z.array(AdminCampaignSchema) } } },
    ...officialErrorResponses,
  },
});

adminCampaigns.openapi(listAdminCampaigns, async (c) => {
  const db = c.get('db');
  const rows = await siteCampaigns(db, c.get('site').id);
  const figures = await campaignFigures(db, rows.map((r) => r.id));
  return c.json(rows.map((row) => toAdminCampaign(row, figures.get(row.id))), 200);
});

const createCampaign = createRoute({
  operationId: 'createCampaign',
  method: 'post',
  path: '/v1/admin/campaigns',
  summary: 'Create a suggestion drive: slug, title, description, window, target units (with their sub-units), types, domains and outlets (their origins join the site’s allow-list)',
  request: { body: { required: true, content: { 'application/json': { schema: CreateCampaignInputSchema } } } },
  responses: {
    201: { description: 'the new drive', content: { 'application/json': { schema: AdminCampaignSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminCampaigns.openapi(createCampaign, async (c) => {
  const { slug, ...fields } = c.req.valid('json') as Required<z.output<typeof CreateCampaignInputSchema>>;
  const site = c.get('site');
  const db = c.get('db');
  const problems = await problemsOf(db, site, fields);
  if (problems.length > 0) throw validationError(problems);
  const at = new Date().toISOString();
  const row: CampaignRow = { id: newId('c'), site_id: site.id, slug, ...campaignColumns(fields), created_at: at, updated_at: at };
  try {
    await db.batch([
      db.q.insertInto('campaigns').values(row),
      ...allowOutlets(db, site, fields, at),
      auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'campaign.create', detail: { campaign: row.id, slug }, at }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw validationError([{ field: 'slug', code: 'slug_taken' }]);
    throw error;
  }
  return c.json(await answer(db, row), 201);
});

const updateCampaign = createRoute({
  operationId: 'updateCampaign',
  method: 'patch',
  path: '/v1/admin/campaigns/{id}',
  summary: 'Change a drive: any of its fields but the slug (pages link to it); end it early by moving endsAt',
  request: { params: AdminIdParamsSchema, body: { required: true, content: { 'application/json': { schema: UpdateCampaignInputSchema } } } },
  responses: {
    200: { description: 'the drive after the change', content: { 'application/json': { schema: AdminCampaignSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminCampaigns.openapi(updateCampaign, async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const before = await db.first(db.q.selectFrom('campaigns').selectAll().where('id', '=', id).where('site_id', '=', site.id));
  if (!before) throw notFound();
  const current = toAdminCampaign(before, undefined);
  const fields: Fields = {
    title: input.title ?? current.title,
    description: input.description ?? current.description,
    startsAt: input.startsAt ?? before.starts_at,
    endsAt: input.endsAt ?? before.ends_at,
    unitIds: input.unitIds ?? current.unitIds,
    types: input.types ?? current.types,
    domains: input.domains ?? current.domains,
    outlets: input.outlets ?? outletsOf(before),
  };
  const problems = await problemsOf(db, site, fields);
  if (problems.length > 0) throw validationError(problems);
  const at = new Date().toISOString();
  const after: CampaignRow = { ...before, ...campaignColumns(fields), updated_at: at };
  await db.batch([
    db.q.updateTable('campaigns').set({ ...campaignColumns(fields), updated_at: at }).where('id', '=', id).where('site_id', '=', site.id),
    ...allowOutlets(db, site, fields, at),
    auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'campaign.update', detail: { campaign: id, fields: Object.keys(input) }, at }),
  ]);
  return c.json(await answer(db, after), 200);
});


const CampaignParamsSchema = AdminIdParamsSchema;

const deleteCampaign = createRoute({
  operationId: 'deleteCampaign',
  method: 'delete',
  path: '/v1/admin/campaigns/{id}',
  summary: 'Delete a drive no message was sent to (one made by mistake); a drive with messages can only be ended',
  request: { params: CampaignParamsSchema },
  responses: {
    204: { description: 'deleted' },
    ...officialErrorResponses,
    409: problem('the drive has messages (campaign_has_messages): end it instead'),
  },
});

adminCampaigns.openapi(deleteCampaign, async (c) => {
  const { id } = c.req.valid('param');
  const site = c.get('site');
  const db = c.get('db');
  const row = await db.first(db.q.selectFrom('campaigns').select(['id', 'slug']).where('id', '=', id).where('site_id', '=', site.id));
  if (!row) throw notFound();
  const at = new Date().toISOString();
  // Guarded in the statement too: a message sent meanwhile keeps its drive (and the audit row is not written).
  const noMessages = sql<boolean>`NOT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ${id})`;
  const [deleted] = await db.batch([
    db.q.deleteFrom('campaigns').where('id', '=', id).where('site_id', '=', site.id).where(noMessages),
    db.q.deleteFrom('campaign_counts').where('campaign_id', '=', id).where(noMessages),
    db.q.insertInto('audit_log')
      .columns(['site_id', 'account_id', 'action', 'message_id', 'detail', 'created_at'])
      .expression(db.q.selectNoFrom((eb) => [
        eb.val(site.id).as('site_id'), eb.val(c.get('official').id).as('account_id'), eb.val<AuditAction>('campaign.delete').as('action'),
        eb.val(null).as('message_id'), eb.val(JSON.stringify({ campaign: id, slug: row.slug })).as('detail'), eb.val(at).as('created_at'),
      ]).where(sql<boolean>`NOT EXISTS (SELECT 1 FROM campaigns WHERE id = ${id})`)),
  ]);
  if ((deleted?.meta.changes ?? 0) === 0) throw new ApiError('campaign_has_messages');
  return c.body(null, 204);
});

const endCampaign = createRoute({
  operationId: 'endCampaign',
  method: 'post',
  path: '/v1/admin/campaigns/{id}/end',
  summary: 'End an open drive now (endsAt = now): its form says it is closed and the service refuses new messages with campaign_closed',
  request: { params: CampaignParamsSchema, body: { required: true, content: { 'application/json': { schema: z.object({}) } } } },
  responses: {
    200: { description: 'the drive, ended', content: { 'application/json': { schema: AdminCampaignSchema } } },
    ...officialErrorResponses,
    409: problem('the drive has not started or has ended already (campaign_not_open)'),
  },
});

adminCampaigns.openapi(endCampaign, async (c) => {
  const { id } = c.req.valid('param');
  const site = c.get('site');
  const db = c.get('db');
  const before = await db.first(db.q.selectFrom('campaigns').selectAll().where('id', '=', id).where('site_id', '=', site.id));
  if (!before) throw notFound();
  const at = new Date().toISOString();
  if (!isOpen(before, at)) throw new ApiError('campaign_not_open');
  const [ended] = await db.batch([
    // Still open when the statement runs: two admins ending it at once end it once.
    db.q.updateTable('campaigns').set({ ends_at: at, updated_at: at })
      .where('id', '=', id).where('site_id', '=', site.id).where('starts_at', '<=', at).where('ends_at', '>', at),
    auditEntryOfChange(db, { siteId: site.id, accountId: c.get('official').id, action: 'campaign.end', detail: { campaign: id, endsAt: before.ends_at }, at }),
  ]);
  if ((ended?.meta.changes ?? 0) === 0) throw new ApiError('campaign_not_open');
  return c.json(await answer(db, { ...before, ends_at: at, updated_at: at }), 200);
});
