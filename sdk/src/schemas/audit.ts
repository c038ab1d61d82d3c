import { z } from 'zod';
import { DayValueSchema } from './dates';
import { TimestampSchema, wholeNumber } from './common';
import { RoleSchema } from './console';
import { withCode } from './error';

// The audit log as admins read it: GET /v1/admin/audit-log and its CSV.

/**
 * What the audit log records: who saw a citizen's contact details (one message, or an export), and
 * who changed the site's settings, calendar, units, accounts and reply templates.
 */
export const AuditActionSchema = z.enum([
  'contact.reveal', 'export.contact',
  'site.update', 'calendar.update', 'calendar.period', 'calendar.remove', 'calendar.import',
  'unit.create', 'unit.update',
  'account.create', 'account.update', 'account.totp_enable', 'account.password_change', 'account.password_reset',
  'template.create', 'template.update', 'template.delete',
  'campaign.create', 'campaign.update',
  'campaign.delete', 'campaign.end', 'follow_up.publish', 'follow_up.reject',
  'integration_key.create', 'integration_key.revoke',
  'webhook.create', 'webhook.update', 'webhook.delete', 'webhook.rotate_secret', 'webhook.resend',
  'notifications.update',
  'notification.resend',
  'photo.hide', 'photo.unhide',
  'protection.update', 'retention.erase',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** `GET /v1/admin/audit-log` and `.csv` query: days are the site's local days, both included. */
export const AuditQuerySchema = z.object({
  account: z.string().min(1).max(64).optional().describe('only what this account did'),
  action: AuditActionSchema.optional(),
  from: DayValueSchema.optional().describe('YYYY-MM-DD, first day included'),
  to: DayValueSchema.optional().describe('YYYY-MM-DD, last day included'),
  cursor: z.string().max(64).optional().describe('the `nextCursor` of the page before (not for the CSV)'),
  limit: wholeNumber(1, 100).default(50).describe('entries per page (not for the CSV)'),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

/**
 * The account, unit, reply template, webhook endpoint or integration key an entry is about: accounts,
 * units and templates by their name now (or when removed); an endpoint by its address and a key by its
 * prefix as the entry recorded them.
 */
export const AuditTargetSchema = z.object({
  kind: z.enum(['account', 'unit', 'template', 'webhook', 'integration_key', 'campaign']),
  id: z.string(),
  name: z.string().nullable().describe('null when it no longer exists (or, for an endpoint, when the entry did not record its address)'),
});
export type AuditTarget = z.infer<typeof AuditTargetSchema>;

/** One entry, newest first. Never a citizen's contact details: only which message they belong to. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: TimestampSchema,
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable().describe('who did it; null for the service itself'),
  action: z.string().describe('one of AuditAction; older or newer services may write others'),
  messageId: z.string().nullable().describe('the message whose contact details were seen'),
  target: AuditTargetSchema.nullable(),
  fields: z.array(z.string()).describe('what changed, by field name (settings, units, accounts, templates)'),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() }))
    .describe('a unit’s change, as it was then: its name, its parent’s name (null: top level), active (`true`/`false`); empty for other entries'),
  role: RoleSchema.nullable().describe('the role an account was created with'),
  rows: z.number().int().nullable().describe('messages in a contact export'),
  year: z.number().int().nullable().describe('the year of a calendar change'),
  holidays: z.array(z.string()).describe('the holidays a calendar entry added or removed, by name; empty for other entries'),
  from: z.string().nullable().describe('the first day of an export’s range'),
  to: z.string().nullable().describe('the last day of an export’s range'),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
