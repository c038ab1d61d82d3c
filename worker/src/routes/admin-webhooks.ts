import { createRoute, z } from '@hono/zod-openapi';
import { AdminIdParamsSchema } from '../../../sdk/src/schemas/admin';
import {
  CreateWebhookEndpointInputSchema, UpdateWebhookEndpointInputSchema, WEBHOOK_EVENT_TYPES, WebhookDeliveriesQuerySchema, WebhookDeliveryParamsSchema,
  WebhookDeliverySchema, WebhookEndpointSchema, WebhookEndpointWithSecretSchema, WebhookEventSchema, WebhookEventTypeSchema, type WebhookEventType,
} from '../../../sdk/src/schemas/webhook';
import { newRouteGroup } from '../app';
import { auditEntry, auditEntryOfChange } from '../db/admin';
import {
  checkEndpointUrl, endpointDeliveries, findEndpoint, MAX_ENDPOINTS_PER_SITE, newWebhookSecret, ROTATION_OVERLAP_MS, sealSecret,
  siteEndpoint, siteEndpoints, signingSecrets,
} from '../db/webhooks';
import { ApiError, notFound } from '../errors';
import { queueDeliveries } from '../webhooks/deliver';
import { keyedId } from '../lib/keyed-id';
import { ActionKeyHeadersSchema, bodyErrorResponses, officialErrorResponses, problem } from './openapi-common';

/** Admins manage the site's webhook endpoints, see their deliveries and send a dead one again. */
export const adminWebhooks = newRouteGroup();

const listWebhooks = createRoute({
  operationId: 'listWebhookEndpoints',
  method: 'get',
  path: '/v1/admin/webhooks',
  summary: 'The site’s webhook endpoints, oldest first, with their dead deliveries counted; never their secrets',
  responses: {
    200: { description: 'the endpoints', content: { 'application/json': { schema: z.array(WebhookEndpointSchema) } } },
    ...officialErrorResponses,
  },
});

adminWebhooks.openapi(listWebhooks, async (c) => c.json(await siteEndpoints(c.get('db'), c.get('site').id, new Date()), 200));

const createWebhook = createRoute({
  operationId: 'createWebhookEndpoint',
  method: 'post',
  path: '/v1/admin/webhooks',
  summary: 'Add a webhook endpoint (https only; at most 10 a site): the answer shows its signing secret once (audited)',
  request: { headers: ActionKeyHeadersSchema, body: { required: true, content: { 'application/json': { schema: CreateWebhookEndpointInputSchema } } } },
  responses: {
    201: { description: 'the endpoint and its secret, shown this once', content: { 'application/json': { schema: WebhookEndpointWithSecretSchema } } },
    409: { description: 'the site has 10 endpoints already (webhook_limit)' },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminWebhooks.openapi(createWebhook, async (c) => {
  const input = c.req.valid('json');
  checkEndpointUrl(c.env, input.url);
  const site = c.get('site');
  const db = c.get('db');
  // A retry (same Idempotency-Key) of an endpoint already added answers with it and its secret.
  const { id, keyed } = await keyedId(c, 'wh');
  if (keyed) {
    const stored = await db.first(db.q.selectFrom('webhook_endpoints').select(['id', 'secret', 'previous_secret', 'previous_secret_expires_at']).where('site_id', '=', site.id).where('id', '=', id));
    if (stored) {
      c.header('Cache-Control', 'no-store');
      const [secret] = await signingSecrets(c.env, { ...stored, previous_secret: null }, new Date());
      return c.json({ ...(await siteEndpoint(db, site.id, id, new Date()))!, secret: secret! }, 201);
    }
  }
  const count = await db.first(db.q.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', site.id));
  if ((count?.n ?? 0) >= MAX_ENDPOINTS_PER_SITE) throw new ApiError('webhook_limit');
  const secret = newWebhookSecret();
  const at = new Date().toISOString();
  await db.batch([
    db.q.insertInto('webhook_endpoints').values({
      id, site_id: site.id, url: input.url, description: input.description, events: JSON.stringify(input.events),
      secret: await sealSecret(c.env, id, secret), created_by: c.get('official').id, created_at: at, updated_at: at,
    }),
    auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'webhook.create', detail: { webhook: id, url: input.url, events: input.events }, at }),
  ]);
  // Shown once: nothing may keep the answer.
  c.header('Cache-Control', 'no-store');
  return c.json({ ...(await siteEndpoint(db, site.id, id, new Date()))!, secret }, 201);
});

const updateWebhook = createRoute({
  operationId: 'updateWebhookEndpoint',
  method: 'patch',
  path: '/v1/admin/webhooks/{id}',
  summary: 'Change an endpoint’s address, note or events, or turn it off (`enabled: false`: nothing more is sent to it) and on (audited)',
  request: { params: AdminIdParamsSchema, body: { required: true, content: { 'application/json': { schema: UpdateWebhookEndpointInputSchema } } } },
  responses: {
    200: { description: 'the endpoint after the change', content: { 'application/json': { schema: WebhookEndpointSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminWebhooks.openapi(updateWebhook, async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  if (input.url !== undefined) checkEndpointUrl(c.env, input.url);
  const site = c.get('site');
  const db = c.get('db');
  const before = await findEndpoint(db, site.id, id);
  if (!before) throw notFound();
  const at = new Date().toISOString();
  const disabledAt = input.enabled === undefined ? before.disabled_at : input.enabled ? null : (before.disabled_at ?? at);
  await db.batch([
    db.q.updateTable('webhook_endpoints').set({
      url: input.url ?? before.url,
      description: input.description ?? before.description,
      events: input.events ? JSON.stringify(input.events) : before.events,
      disabled_at: disabledAt,
      updated_at: at,
    }).where('id', '=', id).where('site_id', '=', site.id),
    auditEntryOfChange(db, { siteId: site.id, accountId: c.get('official').id, action: 'webhook.update', detail: { webhook: id, url: input.url ?? before.url, fields: Object.keys(input), ...input }, at }),
  ]);
  return c.json((await siteEndpoint(db, site.id, id, new Date()))!, 200);
});

const deleteWebhook = createRoute({
  operationId: 'deleteWebhookEndpoint',
  method: 'delete',
  path: '/v1/admin/webhooks/{id}',
  summary: 'Delete an endpoint with its deliveries and their attempts; deliveries in the queue are dropped unsent (audited)',
  request: { params: AdminIdParamsSchema },
  responses: {
    204: { description: 'deleted' },
    ...officialErrorResponses,
  },
});

adminWebhooks.openapi(deleteWebhook, async (c) => {
  const { id } = c.req.valid('param');
  const site = c.get('site');
  const db = c.get('db');
  const before = await findEndpoint(db, site.id, id);
  if (!before) throw notFound();
  const at = new Date().toISOString();
  await db.batch([
    db.q.deleteFrom('webhook_attempts').where('delivery_id', 'in', (eb) => eb.selectFrom('webhook_deliveries as d').select('d.id').where('d.endpoint_id', '=', id)),
    db.q.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id),
    db.q.deleteFrom('webhook_endpoints').where('id', '=', id).where('site_id', '=', site.id),
    auditEntryOfChange(db, { siteId: site.id, accountId: c.get('official').id, action: 'webhook.delete', detail: { webhook: id, url: before.url }, at }),
  ]);
  return c.body(null, 204);
});

const rotateSecret = createRoute({
  operationId: 'rotateWebhookSecret',
  method: 'post',
  path: '/v1/admin/webhooks/{id}/rotate-secret',
  summary: 'A new signing secret, shown once; for 24 hours the previous one signs too (two v1= signatures), so the receiver can switch without losing an event (audited)',
  request: { params: AdminIdParamsSchema },
  responses: {
    200: { description: 'the endpoint and its new secret, shown this once', content: { 'application/json': { schema: WebhookEndpointWithSecretSchema } } },
    ...officialErrorResponses,
  },
});

adminWebhooks.openapi(rotateSecret, async (c) => {
  const { id } = c.req.valid('param');
  const site = c.get('site');
  const db = c.get('db');
  const before = await findEndpoint(db, site.id, id);
  if (!before) throw notFound();
  const secret = newWebhookSecret();
  const now = new Date();
  const at = now.toISOString();
  await db.batch([
    // Both secrets are sealed for this endpoint, so the current ciphertext becomes the previous one as it is.
    db.q.updateTable('webhook_endpoints').set({
      secret: await sealSecret(c.env, id, secret), previous_secret: before.secret,
      previous_secret_expires_at: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString(), updated_at: at,
    }).where('id', '=', id).where('site_id', '=', site.id),
    auditEntryOfChange(db, { siteId: site.id, accountId: c.get('official').id, action: 'webhook.rotate_secret', detail: { webhook: id, url: before.url }, at }),
  ]);
  c.header('Cache-Control', 'no-store');
  return c.json({ ...(await siteEndpoint(db, site.id, id, now))!, secret }, 200);
});

const listDeliveries = createRoute({
  operationId: 'listWebhookDeliveries',
  method: 'get',
  path: '/v1/admin/webhooks/{id}/deliveries',
  summary: 'An endpoint’s deliveries, newest first, each with its last five attempts (status code, time, duration, error, the start of the answer)',
  request: { params: AdminIdParamsSchema, query: WebhookDeliveriesQuerySchema },
  responses: {
    200: { description: 'the deliveries', content: { 'application/json': { schema: z.array(WebhookDeliverySchema) } } },
    ...officialErrorResponses,
  },
});

adminWebhooks.openapi(listDeliveries, async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const db = c.get('db');
  if (!(await findEndpoint(db, c.get('site').id, id))) throw notFound();
  return c.json(await endpointDeliveries(db, id, query), 200);
});

const resendDelivery = createRoute({
  operationId: 'resendWebhookDelivery',
  method: 'post',
  path: '/v1/admin/webhooks/{id}/deliveries/{deliveryId}/resend',
  summary: 'Send a delivery again now, with the same event id and body and a fresh retry schedule (a dead one once the receiver works again; audited)',
  request: { params: WebhookDeliveryParamsSchema },
  responses: {
    202: { description: 'queued: the delivery, pending', content: { 'application/json': { schema: WebhookDeliverySchema } } },
    409: problem('webhook_disabled: the endpoint is turned off (it would only die at once); turn it on first'),
    ...officialErrorResponses,
  },
});

adminWebhooks.openapi(resendDelivery, async (c) => {
  const { id, deliveryId } = c.req.valid('param');
  const site = c.get('site');
  const db = c.get('db');
  const endpoint = await findEndpoint(db, site.id, id);
  const delivery = endpoint && await db.first(db.q.selectFrom('webhook_deliveries').select(['id', 'event_id'])
    .where('id', '=', deliveryId).where('endpoint_id', '=', id));
  if (!delivery) throw notFound();
  // Sent to an endpoint turned off, it would only die at once ('disabled').
  if (endpoint.disabled_at) throw new ApiError('webhook_disabled');
  const at = new Date().toISOString();
  // Guarded: a delivery already waiting for its try (sent again a moment ago: a second click, a second
  // admin) is answered as it is, not queued twice nor audited twice; nor is one whose endpoint was
  // turned off meanwhile.
  const [update] = await db.batch([
    db.q.updateTable('webhook_deliveries').set({ status: 'pending', attempts: 0, next_attempt_at: at, updated_at: at })
      .where('id', '=', deliveryId).where('status', '!=', 'pending')
      .where((eb) => eb.exists(eb.selectFrom('webhook_endpoints').select('id').where('id', '=', id).where('disabled_at', 'is', null))),
    auditEntryOfChange(db, { siteId: site.id, accountId: c.get('official').id, action: 'webhook.resend', detail: { webhook: id, url: endpoint.url, delivery: deliveryId, event: delivery.event_id }, at }),
  ]);
  if (update!.meta.changes > 0) await queueDeliveries(c.env, site.id, [deliveryId]);
  const [pending] = await endpointDeliveries(db, id, { id: deliveryId, limit: 1 });
  return c.json(pending!, 202);
});

// The events themselves, in the document's `webhooks` map (OpenAPI 3.1): what an endpoint receives.
const WEBHOOK_SUMMARIES: Record<WebhookEventType, string> = {
  'message.submitted': 'A message was submitted (提交)',
  'message.published': 'A message was published on the board (公开)',
  'message.replied': 'A unit replied, interim or final (答复)',
  'message.rated': 'The citizen rated the reply (评价)',
  'message.reopened': 'The message is handled again after an unsatisfied rating or a follow-up (重办)',
  'message.overdue': 'The deadline passed unanswered (超期)',
  'message.escalated': 'The overdue message was escalated to the unit above (督办)',
};

const WebhookEventComponent = adminWebhooks.openAPIRegistry.register('WebhookEvent', WebhookEventSchema);
for (const type of WEBHOOK_EVENT_TYPES) {
  adminWebhooks.openAPIRegistry.registerWebhook({
    method: 'post',
    path: type,
    operationId: `webhook_${type.replace('.', '_')}`,
    tags: ['admin'],
    // Sent by the service, not called: the signature is the proof, checked by the receiver.
    security: [],
    summary: WEBHOOK_SUMMARIES[type],
    description: 'POSTed to each enabled endpoint that chose this event. Verify `Liuyan-Signature` (`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`, '
      + 'one `v1=` per valid secret) with `verifyWebhook` of @liuyan/sdk, and ignore an `id` already handled. Any 2xx within 5 seconds '
      + 'acknowledges; anything else is retried after 1 min, 5 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h and 12 h, then the delivery is dead.',
    request: {
      headers: z.object({
        'Liuyan-Signature': z.string().meta({ examples: ['t=1764650100,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd'] }),
        'Liuyan-Event-Id': z.string().meta({ examples: ['evt_1042_replied'] }),
        'Liuyan-Event-Type': WebhookEventTypeSchema,
      }),
      body: { required: true, content: { 'application/json': { schema: WebhookEventComponent } } },
    },
    responses: {
      200: { description: 'received (any 2xx)' },
      500: { description: 'not received (any other answer, or none in 5 seconds): retried' },
    },
  });
}
