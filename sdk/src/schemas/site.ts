import { z } from 'zod';
import {
  DomainSchema, MessageTypeSchema, ModerationModeSchema, TimestampSchema, UnitKindSchema, requiredText, SEARCH_MAX,
} from './common';
import { NotificationOptionsSchema } from './notifications';
import { LocaleSchema, StringOverridesSchema } from './string-overrides';
import { THEMES } from '../themes';

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
  units: z.array(UnitNodeSchema).describe('the whole tree while it is small; beyond that (unitsComplete false) only the top level, each with no children listed'),
  unitsComplete: z.boolean().describe('false: `units` holds the top level only; load levels and search with GET /v1/sites/{site}/units'),
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
  notifications: NotificationOptionsSchema.describe('what the form may offer: reply notices, a lost code, the SMS code'),
  turnstileSiteKey: z.string().nullable().describe('the Cloudflare Turnstile site key when the site asks for a Turnstile token with each submission; null: none'),
  strings: StringOverridesSchema,
});
export type SiteConfig = z.infer<typeof SiteConfigSchema>;


/** The most units a site config carries as a whole tree; a larger tree is sent as its top level and loaded level by level. */
export const CONFIG_UNITS_MAX = 300;
/** The most units one search answers with. */
export const UNIT_SEARCH_LIMIT = 20;

/** One unit offered by the picker: where it sits, and whether it has units below it. */
export const UnitChoiceSchema = z.object({
  id: z.string(),
  name: z.string().meta({ examples: ['示范县教育局'] }),
  kind: UnitKindSchema,
  hasChildren: z.boolean().describe('whether a level below it can be loaded (?parent=<id>)'),
  path: z.array(z.string()).describe('the names of the units above it, from the top level down; [] at the top').meta({ examples: [['示范县县长']] }),
});
export type UnitChoice = z.infer<typeof UnitChoiceSchema>;

/** `GET /v1/sites/:site/units`: one level of the tree (`parent`, or the top level), or a search by name (`q`). */
export const UnitListQuerySchema = z.object({
  parent: z.string().min(1).max(64).optional().describe('the unit whose children to list; absent: the top level'),
  q: requiredText(SEARCH_MAX).optional()
    .describe(`units whose name contains this text (any 1+ characters, Latin letters in any case), or whose pinyin does (initials: jyj, or full: jiaoyu, finds 县教育局), at most ${UNIT_SEARCH_LIMIT}`).meta({ examples: ['教育局'] }),
}).refine((query) => query.parent === undefined || query.q === undefined, { path: ['parent'], message: 'invalid' });
export type UnitListQuery = z.input<typeof UnitListQuerySchema>;

export const UnitListSchema = z.object({
  items: z.array(UnitChoiceSchema).describe('a level in the site’s order; search results by the matched text'),
});
export type UnitList = z.infer<typeof UnitListSchema>;

/**
 * An element of the write page's form drawn as data (`GET /v1/sites/:site/form`): its tag, its
 * attributes in order (an attribute written by its name alone, `required`, has the value ''), and what
 * it holds, text and elements in order.
 */
export interface FormNode {
  tag: string;
  attributes: Record<string, string>;
  children: (FormNode | string)[];
}

export const FormNodeSchema: z.ZodType<FormNode> = z.lazy(() =>
  z.object({
    tag: z.string().meta({ examples: ['input'] }),
    attributes: z.record(z.string(), z.string()).describe('in order; \'\' for an attribute written by its name alone (required, checked)'),
    children: z.array(z.union([z.string(), FormNodeSchema])).describe('text and elements, in order'),
  }),
);

/** The languages and themes the form can be drawn in (`GET /v1/sites/:site/form`), as the elements' `lang` and `theme`. */
export const SiteFormQuerySchema = z.object({
  lang: LocaleSchema.optional().describe('the language of the form’s words; absent: zh-CN, as an element with no `lang` on a page with none'),
  theme: z.enum(THEMES).optional().describe('the theme of its stylesheet, as the element’s `theme`; absent: as an element with none, Liuyan’s light colours and no background of its own'),
  unit: z.string().min(1).max(64).optional().describe('the unit to preselect, as the element’s `unit` (ignored for a unit the form does not list)'),
  campaign: z.string().min(1).max(64).optional().describe('the suggestion drive the form writes to, as the element’s `campaign`: its units, types and domains'),
});
export type SiteFormQuery = z.input<typeof SiteFormQuerySchema>;

export const SiteFormSchema = z.object({
  form: FormNodeSchema.nullable().describe('the write page’s form, posting to it; null where the form needs its script (an SMS code, Turnstile, a tree too large to list), the site has no hosted pages, or the drive asked for takes no messages (or none from the asking website: not one of its outlets)'),
  style: z.string().nullable().describe('its stylesheet: the site’s palette in the theme asked for, on `liuyan-form` alone, and the form’s rules; null with no form'),
});
export type SiteForm = z.infer<typeof SiteFormSchema>;
