import { z } from 'zod';
import { NOTIFICATION_KINDS, RESEND_REFUSALS, SMS_TEMPLATE_KINDS } from '../codes';
import { LIMITS } from '../limits';
import { optionalText, requiredText, TimestampSchema } from './common';

// Notifications (SMS and e-mail): what citizens ask for (a verification code, a lost tracking code),
// what admins set (the SMS provider, the sender, phone verification; the dead-letter list) and what
// each official turns on or off.

/** `POST /v1/sites/:site/verification-codes` body. */
export const VerificationCodeRequestSchema = z.object({
  phone: z.string().trim().min(1).max(LIMITS.phoneMax).describe('the mobile number the submission will give as author.phone').meta({ examples: ['13912345678'] }),
});
export type VerificationCodeRequest = z.input<typeof VerificationCodeRequestSchema>;

/** `202` answer: the code is on its way (by SMS, through the deliveries queue). */
export const VerificationCodeSentSchema = z.object({
  expiresInSeconds: z.number().int().describe('how long the code works once it arrives'),
  resendAfterSeconds: z.number().int().describe('when the form may offer 重新获取'),
}).meta({ examples: [{ expiresInSeconds: 600, resendAfterSeconds: 60 }] });
export type VerificationCodeSent = z.infer<typeof VerificationCodeSentSchema>;

/** `POST /v1/sites/:site/track/recover` body: the phone or e-mail given with the messages. */
export const RecoveryRequestSchema = z.object({
  contact: requiredText(LIMITS.emailMax).describe('a mobile number, or an e-mail address (anything with @)').meta({ examples: ['13912345678'] }),
});
export type RecoveryRequest = z.input<typeof RecoveryRequestSchema>;

/** `202` answer to a lost-code request: the same whether or not any message has that contact. */
export const RecoveryAcceptedSchema = z.object({
  accepted: z.literal(true),
}).meta({ examples: [{ accepted: true }] });
export type RecoveryAccepted = z.infer<typeof RecoveryAcceptedSchema>;


/** `GET /v1/admin/notifications`: a site's delivery settings; the SMS secret is never shown. */
export const NotificationSettingsSchema = z.object({
  sms: z.object({
    provider: z.enum(['aliyun', 'gateway']).nullable().describe('aliyun: 阿里云短信 Dysmsapi; gateway: the government’s own SMS gateway (signed JSON POST); null: no SMS'),
    endpoint: z.string().nullable().describe('base URL; null: the provider’s public endpoint (required for a gateway)'),
    keyId: z.string().nullable().describe('AccessKey ID, or the gateway’s key id'),
    hasSecret: z.boolean().describe('whether a secret is stored (it is write-only)'),
    keptFor: z.enum(['aliyun', 'gateway']).nullable().describe('while SMS is off (provider null): the provider the kept endpoint, keyId, signName and templates were set up for; null otherwise'),
    signName: z.string().nullable().describe('短信签名, e.g. 示范县人民政府'),
    templates: z.partialRecord(z.enum(SMS_TEMPLATE_KINDS), z.string()).describe('template code per kind of notice (Aliyun: SMS_…)'),
  }),
  emailFrom: z.string().nullable().describe('the sender of e-mails; null: the service’s own (MAIL_FROM)'),
  phoneVerification: z.boolean().describe('a submission needs the SMS code sent to its phone'),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** `PUT /v1/admin/notifications` body. `secret` absent or null keeps the stored one. */
export const UpdateNotificationSettingsInputSchema = z.object({
  sms: z.object({
    provider: z.enum(['aliyun', 'gateway']).nullable(),
    endpoint: z.url({ protocol: /^https?$/ }).max(300).nullable(),
    // Typed text like every other field: no control or bidirectional-override characters.
    keyId: optionalText(100).nullable(),
    secret: z.string().max(200).nullable().optional().describe('write-only; absent or null keeps the stored secret'),
    signName: optionalText(20).nullable(),
    templates: z.partialRecord(z.enum(SMS_TEMPLATE_KINDS), optionalText(50)),
  }),
  emailFrom: z.email().max(LIMITS.emailMax).nullable(),
  phoneVerification: z.boolean(),
});
export type UpdateNotificationSettingsInput = z.input<typeof UpdateNotificationSettingsInputSchema>;

/** One notice as admins see it: never the recipient. */
export const NotificationRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  channel: z.enum(['sms', 'email']),
  messageId: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'dead']),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe('the provider’s answer code of the last failed attempt'),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  resendable: z.boolean().describe('whether an admin may send it again (POST …/resend): not a verification code nor a lost-code request, whose typed contact was erased, nor an SMS notice while the site sends no SMS, nor a notice with no one to go to now'),
  resendRefusal: z.enum(RESEND_REFUSALS).nullable()
    .describe('why not, as the problem code a resend is refused with now: not_resendable (its kind), sms_unavailable (no SMS now), no_recipient (no contact or mobile to send to now); null when resendable'),
});
export type NotificationRecord = z.infer<typeof NotificationRecordSchema>;

/** `GET /v1/admin/notifications/dead`: notices every attempt of which failed, newest first. */
export const DeadNotificationListSchema = z.object({ items: z.array(NotificationRecordSchema) });
export type DeadNotificationList = z.infer<typeof DeadNotificationListSchema>;

/** `GET`/`PUT /v1/console/me/notifications`: which notices the official gets, by e-mail and (given a mobile, where the site sends SMS) by SMS. */
export const OfficialNotificationPrefsSchema = z.object({
  assigned: z.boolean().describe('a message assigned or transferred to my unit'),
  dueSoon: z.boolean().describe('a message of my unit nears its deadline'),
  escalated: z.boolean().describe('a message of my unit is overdue and supervised (督办)'),
  reopened: z.boolean().optional()
    .describe('a citizen sent a message of my unit back (重办: an unhappy rating, or a follow-up to an answer); always in answers, absent on a PUT: unchanged'),
  smsPhone: z.string().trim().max(LIMITS.phoneMax).nullable().optional()
    .describe('my mobile for the same notices by SMS too (where the site sends SMS); null or empty: e-mail only; absent: unchanged'),
});
export type OfficialNotificationPrefs = z.infer<typeof OfficialNotificationPrefsSchema>;

/** What the widget's form may offer (site config `notifications`). */
export const NotificationOptionsSchema = z.object({
  sms: z.boolean().describe('the site sends SMS: a reply notice by SMS, a lost code to a phone'),
  email: z.boolean().describe('a reply notice or a lost code by e-mail'),
  phoneVerification: z.boolean().describe('a submission needs an SMS code (POST /v1/sites/{site}/verification-codes)'),
});
export type NotificationOptions = z.infer<typeof NotificationOptionsSchema>;
