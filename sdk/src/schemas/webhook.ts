import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../codes';
import { DomainSchema, MessageStatusSchema, MessageTypeSchema, ModerationSchema, optionalText, ReplyKindSchema, TimestampSchema, wholeNumber } from './common';
import { withCode } from './error';
import { hasNoCredentials } from './admin';
import { UnitRefSchema } from './message';

// Webhooks (issue 14): /v1/admin/webhooks (admins only) manages a site's endpoints; the service POSTs
// each event an endpoint chose to it, signed (header Liuyan-Signature, see `verifyWebhook`).

export { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES };

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

export const WebhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>;

/**
 * An endpoint's address: https, at most 500 characters, no user name or password in it. (A service
 * run for development may allow http on loopback: WEBHOOK_LOOPBACK, checked by the service.)
 */
export const WebhookUrlSchema = z.string().trim().min(1).max(500)
  .refine((value) => URL.canParse(value), withCode('invalid'))
  .refine(hasNoCredentials, withCode('credentials_in_url'))
  .meta({ examples: ['https://12345.example.gov.cn/liuyan/events'] });

/** The event types chosen: at least one (`none_chosen`), each once. */
const WebhookEventsSchema = z.array(WebhookEventTypeSchema).min(1, withCode('none_chosen')).max(WEBHOOK_EVENT_TYPES.length)
  .refine((events) => new Set(events).size === events.length, withCode('invalid'));

export const CreateWebhookEndpointInputSchema = z.object({
  url: WebhookUrlSchema,
  description: optionalText(100).default('').describe('what receives it, e.g. 12345热线平台'),
  events: WebhookEventsSchema,
});
export type CreateWebhookEndpointInput = z.input<typeof CreateWebhookEndpointInputSchema>;

/** A change: what is given changes; `enabled: false` stops deliveries to it (a delivery in flight ends as `dead`). */
export const UpdateWebhookEndpointInputSchema = z.object({
  url: WebhookUrlSchema.optional(),
  description: optionalText(100).optional(),
  events: WebhookEventsSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookEndpointInput = z.input<typeof UpdateWebhookEndpointInputSchema>;

/** An endpoint as admins see it: never its secret, which is shown once (created, rotated). */
export const WebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventTypeSchema),
  enabled: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  previousSecretExpiresAt: TimestampSchema.nullable()
    .describe('during a rotation, until when the previous secret still signs (both sign); null otherwise'),
  deadDeliveries: z.number().int().describe('deliveries whose retries are spent: re-send them once the receiver works'),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** `201` answer to creating an endpoint, and the answer to a rotation: the secret, this once. */
export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  secret: z.string().describe('shown once: keep it where the receiver can read it (whsec_…)'),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecretSchema>;

/** One POST to the receiver. */
export const WebhookAttemptSchema = z.object({
  at: TimestampSchema,
  statusCode: z.number().int().nullable().describe('the receiver’s HTTP status; null when it did not answer'),
  durationMs: z.number().int(),
  error: z.enum(['timeout', 'network', 'status', 'disabled']).nullable()
    .describe('timeout (no answer in time), network (no connection), status (not 2xx), disabled (the endpoint was off)'),
  responseExcerpt: z.string().nullable().describe('at most the first 200 characters of the answer'),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** One event for one endpoint, with its attempts, latest first. */
export const WebhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: WebhookEventTypeSchema,
  messageId: z.string(),
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: TimestampSchema.nullable().describe('when it is tried again (retrying)'),
  createdAt: TimestampSchema,
  recentAttempts: z.array(WebhookAttemptSchema).describe('the last five'),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** `GET /v1/admin/webhooks/{id}/deliveries`: newest first. */
export const WebhookDeliveriesQuerySchema = z.object({
  status: WebhookDeliveryStatusSchema.optional(),
  limit: wholeNumber(1, 50).default(20),
});
export type WebhookDeliveriesQuery = z.input<typeof WebhookDeliveriesQuerySchema>;

export const WebhookDeliveryParamsSchema = z.object({ id: z.string().min(1).max(64), deliveryId: z.string().min(1).max(64) });

/**
 * What a delivered event says about its message: ids, codes and the unit, never words anyone typed
 * (title, body, reply, rating reason) nor anything about the author. The same for public and private
 * messages, so nothing private travels; a receiver reads a public message's words from the public API
 * (`GET /v1/sites/{site}/messages/{id}`, which answers 404 for a private or unpublished one).
 */
export const WebhookMessageSchema = z.object({
  id: z.string(),
  type: MessageTypeSchema,
  domain: DomainSchema,
  status: MessageStatusSchema,
  moderation: ModerationSchema,
  isPublic: z.boolean().describe('the citizen’s choice; a private message is never published'),
  unit: UnitRefSchema.describe('the unit handling it'),
  dueAt: TimestampSchema,
});
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;

/** What a `message.replied` event says of the reply: which one and whether it is final; never its words. */
export const WebhookReplySchema = z.object({
  id: z.string(),
  kind: ReplyKindSchema.describe('interim (阶段性答复: handling goes on) or final (正式答复)'),
});
export type WebhookReply = z.infer<typeof WebhookReplySchema>;

/**
 * The JSON body of every webhook POST. `data.message` is a snapshot: the message as the request that
 * caused the event left it (kept with the event when it is written), the same bytes in every attempt
 * and re-send however late the queue handles it; what the message is now, a receiver reads from the API.
 */
export const WebhookEventSchema = z.object({
  id: z.string().describe('stable event id: the same in every attempt and re-send; use it to ignore repeats'),
  type: WebhookEventTypeSchema,
  site: z.string(),
  createdAt: TimestampSchema.describe('when it happened (the same as occurredAt, kept for receivers written before it)'),
  occurredAt: TimestampSchema.describe('when it happened, in the site’s time (+08:00): order events by it, not by arrival'),
  data: z.object({
    message: WebhookMessageSchema.describe('the message as the request that caused this event left it (a snapshot kept with the event, the same in every retry, not changed by later events), never its words nor its author'),
    unit: UnitRefSchema.describe('the unit the event concerns: who replied, for 督办 the unit it was escalated to, otherwise the unit handling the message'),
    reply: WebhookReplySchema.nullable().describe('message.replied: the reply, interim or final; null for every other event'),
  }),
}).meta({
  examples: [{
    id: 'evt_1042_replied', type: 'message.replied', site: 'demo', createdAt: '2026-12-02T10:15:00+08:00', occurredAt: '2026-12-02T10:15:00+08:00',
    data: {
      message: {
        id: 'm_01JD5Q3V8XKZ', type: 'complaint', domain: 'education', status: 'replied', moderation: 'published', isPublic: true,
        unit: { id: 'u_edu', name: '示范县教育局' }, dueAt: '2026-12-09T23:59:59+08:00',
      },
      unit: { id: 'u_edu', name: '示范县教育局' },
      reply: { id: 'r_01JD5R7K2M4N', kind: 'final' },
    },
  }],
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
