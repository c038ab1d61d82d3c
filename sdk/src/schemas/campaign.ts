// Suggestion drives (建言专栏, campaigns): what the public reads of one, with its figures, and what
// admins write. A drive may run on several news sites at once (its outlets).
import { z } from 'zod';
import { EmbeddingOriginSchema } from './admin';
import { DomainSchema, MessageTypeSchema, requiredText, optionalText } from './common';
import { InstantSchema } from './dates';
import { withCode } from './error';
import { CampaignSummarySchema } from './site';

/** A news site allowed to embed the drive: its name (人民日报) and its page origin, exactly as the browser sends it. */
export const CampaignOutletSchema = z.object({
  name: requiredText(50),
  origin: EmbeddingOriginSchema,
});
export type CampaignOutlet = z.infer<typeof CampaignOutletSchema>;

/** A drive's figures, kept by triggers (migration 0016): every message, private ones too, counts in `messages`. */
export const CampaignCountsSchema = z.object({
  messages: z.number().int().describe('messages written to the drive, public and private'),
  published: z.number().int().describe('public messages on the board'),
  replied: z.number().int().describe('messages with at least one official reply'),
  adopted: z.number().int().describe('suggestions adopted (已采纳)'),
});
export type CampaignCounts = z.infer<typeof CampaignCountsSchema>;

/** `GET /v1/sites/:site/campaigns[/:slug]`: a drive, whether it is open now, its outlets and figures. */
export const CampaignSchema = CampaignSummarySchema.extend({
  open: z.boolean().describe('between startsAt (inclusive) and endsAt (exclusive) now'),
  outlets: z.array(z.object({ name: z.string(), messages: z.number().int() })).describe('each outlet and the messages written on its pages'),
  counts: CampaignCountsSchema,
  acceptsHere: z.boolean().describe('whether the page asking (its Origin) may send messages to the drive: false when the drive runs only on its outlets’ pages and this is none of them; true without an Origin (a server)'),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const CampaignListSchema = z.object({ items: z.array(CampaignSchema) });
export type CampaignList = z.infer<typeof CampaignListSchema>;

/** `GET /v1/admin/campaigns`: as admins edit it, outlets with their origins. */
export const AdminCampaignSchema = CampaignSummarySchema.extend({
  id: z.string(),
  outlets: z.array(CampaignOutletSchema),
  counts: CampaignCountsSchema,
});
export type AdminCampaign = z.infer<typeof AdminCampaignSchema>;

const distinct = (values: readonly unknown[]) => new Set(values).size === values.length;

/** The fields a drive's creation may leave out, without defaults: a change (PATCH) leaves out what stays. */
const optionalFields = {
  description: optionalText(2000, { multiline: true }).meta({ examples: ['请为示范县未来五年的发展出主意、提建议。'] }),
  unitIds: z.array(z.string().min(1).max(64)).max(50).refine(distinct, withCode('invalid'))
    .describe('units (each with its sub-units) the drive collects for; empty means any'),
  types: z.array(MessageTypeSchema).refine(distinct, withCode('invalid')).describe('empty means any the site takes'),
  domains: z.array(DomainSchema).refine(distinct, withCode('invalid')).describe('empty means any the site takes'),
  outlets: z.array(CampaignOutletSchema).max(20).refine((o) => distinct(o.map((x) => x.origin)), withCode('invalid'))
    .describe('news sites allowed to embed the drive; empty means any origin the site allows'),
};

const CampaignFieldsSchema = z.object({
  title: requiredText(100).meta({ examples: ['建言“十五五”'] }),
  startsAt: InstantSchema.describe('when the drive opens'),
  endsAt: InstantSchema.describe('when it closes (exclusive)'),
  ...optionalFields,
});

/** `POST /v1/admin/campaigns`: what is left out is empty (any unit, type, domain and outlet). */
export const CreateCampaignInputSchema = CampaignFieldsSchema.extend({
  description: optionalFields.description.default(''),
  unitIds: optionalFields.unitIds.default([]),
  types: optionalFields.types.default([]),
  domains: optionalFields.domains.default([]),
  outlets: optionalFields.outlets.default([]),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, withCode('invalid')).describe('lower-case letters, digits and hyphens: the address of the drive'),
});
export type CreateCampaignInput = z.input<typeof CreateCampaignInputSchema>;

/**
 * `PATCH /v1/admin/campaigns/:id`: any of the fields; those left out stay as they are (no default
 * fills them in: an empty list would mean any unit or website). The slug stays: pages link to it.
 */
export const UpdateCampaignInputSchema = CampaignFieldsSchema.partial();
export type UpdateCampaignInput = z.input<typeof UpdateCampaignInputSchema>;
