import { createRoute, z } from '@hono/zod-openapi';
import {
  AdminIdParamsSchema, CreateReplyTemplateInputSchema, ReplyTemplateSchema, UpdateReplyTemplateInputSchema, type ReplyTemplate,
} from '../../../sdk/src/schemas/admin';
import { newRouteGroup } from '../app';
import { auditEntryOfChange, findReplyTemplate, nameKey, noOtherTemplateTitled, replyTemplatesOf, replyTemplateTitled } from '../db/admin';
import { notFound, validationError } from '../errors';
import { newId } from '../lib/crypto';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

// Reply templates: every official of the site reads them to start a reply; admins keep them, and
// each change is audited with the template's title, so a removed one is still named in the log.
export const replyTemplates = newRouteGroup();

const templateList = { description: 'the site’s templates, oldest first', content: { 'application/json': { schema: z.array(ReplyTemplateSchema) } } };

const listForOfficials = createRoute({
  operationId: 'listReplyTemplates',
  method: 'get',
  path: '/v1/console/reply-templates',
  summary: 'Reply templates to start a reply from',
  responses: { 200: templateList, ...officialErrorResponses },
});

replyTemplates.openapi(listForOfficials, async (c) => c.json(await replyTemplatesOf(c.get('db'), c.get('site').id), 200));

const listForAdmins = createRoute({
  operationId: 'listReplyTemplatesForAdmin',
  method: 'get',
  path: '/v1/admin/reply-templates',
  summary: 'Reply templates, to manage',
  responses: { 200: templateList, ...officialErrorResponses },
});

replyTemplates.openapi(listForAdmins, async (c) => c.json(await replyTemplatesOf(c.get('db'), c.get('site').id), 200));

const createTemplate = createRoute({
  operationId: 'createReplyTemplate',
  method: 'post',
  path: '/v1/admin/reply-templates',
  summary: 'Add a reply template; a title another template has is refused (`title_taken`), and the same title and text sent again answer with the one added',
  request: { body: { required: true, content: { 'application/json': { schema: CreateReplyTemplateInputSchema } } } },
  responses: {
    201: { description: 'the new template', content: { 'application/json': { schema: ReplyTemplateSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

/**
 * Two templates of one title would be two alike entries in the reply form's list, and an official
 * could not tell which to pick: a title another template has (read as the search reads it: `Ｔ40` is
 * `t40`) is refused, `title_taken` on `title`. Checked before the write, and by the write itself
 * (`noOtherTemplateTitled`, on the title and its `title_key`): two admins adding one title in the same
 * instant add it once.
 */
const titleTaken = () => validationError([{ field: 'title', code: 'title_taken' }]);

/**
 * `same`, the template titled as the one being added, when it is that template sent again (its answer
 * lost: the same title and text), to answer with; else the title is taken.
 */
function sentAgain(same: ReplyTemplate | null, { title, body }: Omit<ReplyTemplate, 'id'>): ReplyTemplate {
  if (same && same.title === title && same.body === body) return same;
  throw titleTaken();
}

replyTemplates.openapi(createTemplate, async (c) => {
  const { title, body } = c.req.valid('json');
  const db = c.get('db');
  const siteId = c.get('site').id;
  const same = await replyTemplateTitled(db, siteId, title);
  if (same) return c.json(sentAgain(same, { title, body }), 201);
  const template: ReplyTemplate = { id: newId('t'), title, body };
  const at = new Date().toISOString();
  const [added] = await db.batch([
    db.q.insertInto('reply_templates').columns(['id', 'site_id', 'title', 'body', 'created_at', 'title_key'])
      .expression(db.q.selectNoFrom((eb) => [
        eb.val(template.id).as('id'), eb.val(siteId).as('site_id'), eb.val(title).as('title'), eb.val(body).as('body'), eb.val(at).as('created_at'),
        eb.val(nameKey(title)).as('title_key'),
      ]).where(noOtherTemplateTitled(siteId, title, template.id))),
    auditEntryOfChange(db, { siteId, accountId: c.get('official').id, action: 'template.create', detail: { template: template.id, title }, at }),
  ]);
  // Another request wrote this title first, a moment ago: the same template (a double click, two tabs), or another.
  if ((added?.meta.changes ?? 0) === 0) return c.json(sentAgain(await replyTemplateTitled(db, siteId, title), { title, body }), 201);
  return c.json(template, 201);
});

const updateTemplate = createRoute({
  operationId: 'updateReplyTemplate',
  method: 'patch',
  path: '/v1/admin/reply-templates/{id}',
  summary: 'Change a reply template’s title or text (replies already sent keep their text); a title another template has is refused (`title_taken`)',
  request: { params: AdminIdParamsSchema, body: { required: true, content: { 'application/json': { schema: UpdateReplyTemplateInputSchema } } } },
  responses: {
    200: { description: 'the template after the change', content: { 'application/json': { schema: ReplyTemplateSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

replyTemplates.openapi(updateTemplate, async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  const siteId = c.get('site').id;
  const db = c.get('db');
  const before = await findReplyTemplate(db, siteId, id);
  if (!before) throw notFound();
  const after: ReplyTemplate = { ...before, ...input };
  const fields = [...(after.title !== before.title ? ['templateTitle'] : []), ...(after.body !== before.body ? ['templateBody'] : [])];
  if (fields.length === 0) return c.json(before, 200);
  const renamed = after.title !== before.title;
  if (renamed && await replyTemplateTitled(db, siteId, after.title, id)) throw titleTaken();
  const at = new Date().toISOString();
  let update = db.q.updateTable('reply_templates').set({ title: after.title, body: after.body, title_key: nameKey(after.title) }).where('id', '=', id).where('site_id', '=', siteId);
  if (renamed) update = update.where(noOtherTemplateTitled(siteId, after.title, id));
  const [updated] = await db.batch([
    update,
    auditEntryOfChange(db, { siteId, accountId: c.get('official').id, action: 'template.update', detail: { template: id, title: after.title, fields }, at }),
  ]);
  // Nothing changed: removed meanwhile, or its new title given to another template a moment ago.
  if ((updated?.meta.changes ?? 0) === 0) {
    if (!(await findReplyTemplate(db, siteId, id))) throw notFound();
    throw titleTaken();
  }
  return c.json(after, 200);
});

const deleteTemplate = createRoute({
  operationId: 'deleteReplyTemplate',
  method: 'delete',
  path: '/v1/admin/reply-templates/{id}',
  summary: 'Remove a reply template',
  request: { params: AdminIdParamsSchema },
  responses: {
    204: { description: 'removed' },
    ...officialErrorResponses,
  },
});

replyTemplates.openapi(deleteTemplate, async (c) => {
  const { id } = c.req.valid('param');
  const siteId = c.get('site').id;
  const db = c.get('db');
  const template = await findReplyTemplate(db, siteId, id);
  if (!template) throw notFound();
  const at = new Date().toISOString();
  await db.batch([
    db.q.deleteFrom('reply_templates').where('id', '=', id).where('site_id', '=', siteId),
    auditEntryOfChange(db, { siteId, accountId: c.get('official').id, action: 'template.delete', detail: { template: id, title: template.title }, at }),
  ]);
  return c.body(null, 204);
});
