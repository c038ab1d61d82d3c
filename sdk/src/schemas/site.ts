import { z } from 'zod';
import { DomainSchema, MessageTypeSchema, ModerationModeSchema, TimestampSchema, UnitKindSchema } from './common';

export interface UnitNode {
  id: string;
  name: string;
  kind: z.infer<typeof UnitKindSchema>;
  children: UnitNode[];
}

/** A leader or department messages are addressed to; units form a tree. */
export const UnitNodeSchema: z.ZodType<UnitNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string().meta({ examples: ['示范县教育局'] }),
    kind: UnitKindSchema,
    children: z.array(UnitNodeSchema),
  }),
);

export const CampaignSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  unitIds: z.array(z.string()).describe('units the campaign collects for; empty means any'),
  types: z.array(MessageTypeSchema),
  domains: z.array(DomainSchema),
});
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;

/** `GET /v1/sites/:site` — everything the widget needs to draw its form. */
export const SiteConfigSchema = z.object({
  site: z.object({
    id: z.string(),
    name: z.string().meta({ examples: ['示范县人民政府'] }),
    moderation: ModerationModeSchema,
    locale: z.string(),
  }),
  units: z.array(UnitNodeSchema),
  types: z.array(MessageTypeSchema),
  domains: z.array(DomainSchema),
  campaigns: z.array(CampaignSummarySchema),
  limits: z.object({
    titleMin: z.number().int(),
    titleMax: z.number().int(),
    bodyMin: z.number().int(),
    bodyMax: z.number().int(),
    regionMax: z.number().int(),
    nameMax: z.number().int(),
  }).describe('in characters (Unicode code points: an emoji or 𠮷 counts once)'),
  privacy: z.object({
    url: z.string().nullable().describe('the site’s own privacy notice page'),
    text: z.string().nullable().describe('the site’s own privacy notice; both null: the notice Liuyan ships, in the reader’s language'),
  }),
});
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

