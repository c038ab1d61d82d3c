import { createRoute, z } from '@hono/zod-openapi';
import { ConsoleMessageSchema, FollowUpModerationInputSchema, PendingFollowUpPageSchema, PendingFollowUpsQuerySchema } from '../../../sdk/src/schemas/console';
import { newRouteGroup } from '../app';
import { findFollowUp, moderateFollowUp, pendingFollowUps } from '../db/citizen-loop';
import { mayModerateFollowUp, officialMessageView } from '../db/message-views';
import { ApiError, notFound } from '../errors';
import { requireRole } from '../middleware/console-auth';
import { toSiteTime } from '../lib/site-time';
import { bodyErrorResponses, officialErrorResponses, problem } from './openapi-common';

/**
 * Moderators decide on the words of citizens' follow-up questions (追问) before the public reads
 * them: the unit's officials read and answer them at once, whatever the decision. Session and
 * CSRF checks: see index.ts.
 */
export const consoleFollowUps = newRouteGroup();

const MODERATORS = requireRole('admin', 'moderator');

const listPendingFollowUps = createRoute({
  operationId: 'listPendingFollowUps',
  method: 'get',
  path: '/v1/console/follow-ups',
  middleware: [MODERATORS] as const,
  summary: 'Follow-up questions (追问) of the site’s public messages whose words wait for a moderator, oldest first (50 at most), by their messages’ type, domain, unit (with its sub-units) and suggestion drive, as the queue filters',
  request: { query: PendingFollowUpsQuerySchema },
  responses: {
    200: { description: 'the pending follow-ups', content: { 'application/json': { schema: PendingFollowUpPageSchema } } },
    ...officialErrorResponses,
  },
});

consoleFollowUps.openapi(listPendingFollowUps, async (c) => {
  const rows = await pendingFollowUps(c.get('db'), c.get('official').siteId, c.req.valid('query'));
  return c.json({
    items: rows.map((f) => ({
      id: f.id, messageId: f.message_id, title: f.title, unit: { id: f.unit_id, name: f.unit_name }, body: f.body, createdAt: toSiteTime(f.created_at),
    })),
  }, 200);
});

const moderateFollowUpRoute = createRoute({
  operationId: 'moderateFollowUp',
  method: 'post',
  path: '/v1/console/follow-ups/{id}/moderation',
  middleware: [MODERATORS] as const,
  summary: 'Publish a follow-up question’s words on the public timeline, or keep them off it for good; written to the audit log',
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    body: { required: true, content: { 'application/json': { schema: FollowUpModerationInputSchema } } },
  },
  responses: {
    200: { description: 'the message after the decision', content: { 'application/json': { schema: ConsoleMessageSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
    409: problem('decided already, or the message is private or rejected (invalid_transition), or another moderator decided meanwhile (conflict)'),
  },
});

consoleFollowUps.openapi(moderateFollowUpRoute, async (c) => {
  const official = c.get('official');
  const db = c.get('db');
  const followUp = await findFollowUp(db, official.siteId, c.req.valid('param').id);
  if (!followUp) throw notFound();
  if (!mayModerateFollowUp(official, { is_public: followUp.is_public, moderation: followUp.message_moderation }, followUp)) {
    throw new ApiError('invalid_transition');
  }
  await moderateFollowUp(db, {
    siteId: official.siteId, accountId: official.id, messageId: followUp.message_id, id: followUp.id,
    decision: c.req.valid('json').moderation, at: new Date().toISOString(),
  });
  const view = await officialMessageView(db, official, followUp.message_id, new Date());
  if (!view) throw notFound();
  const { unitId: _, ...message } = view;
  return c.json(message, 200);
});
