// Suggestion drives (建言专栏): their figures, the outlet a message came from, and what admins write.
// Figures come from `campaign_counts`, kept by triggers (migration 0016), so no read here scans
// messages; adoptions per unit and month are counted with the other statistics (`stats_counts`).
import type { AdminCampaign, Campaign, CampaignCounts, CampaignOutlet, CreateCampaignInput } from '../../../sdk/src/schemas/campaign';
import type { SiteDatabase } from './client';
import type { CampaignRow } from './schema';
import { toCampaignSummary } from './sites';

/** At most this many drives are listed on a site's page of drives (newest end first). */
export const CAMPAIGNS_LISTED = 50;

const NO_COUNTS: CampaignCounts = { messages: 0, published: 0, replied: 0, adopted: 0 };

interface Figures {
  counts: CampaignCounts;
  outlets: { name: string; messages: number }[];
}

/** Each campaign's figures, summed over its outlets ('' = no outlet: the site's own pages, the SDK). One statement. */
export async function campaignFigures(db: SiteDatabase, campaignIds: string[]): Promise<Map<string, Figures>> {
  const figures = new Map<string, Figures>(campaignIds.map((id) => [id, { counts: { ...NO_COUNTS }, outlets: [] }]));
  if (campaignIds.length === 0) return figures;
  const rows = await db.all(db.q.selectFrom('campaign_counts').selectAll().where('campaign_id', 'in', campaignIds));
  for (const row of rows) {
    const f = figures.get(row.campaign_id)!;
    for (const key of ['messages', 'published', 'replied', 'adopted'] as const) f.counts[key] += row[key];
    if (row.outlet !== '') f.outlets.push({ name: row.outlet, messages: row.messages });
  }
  return figures;
}

export const outletsOf = (row: Pick<CampaignRow, 'outlets'>): CampaignOutlet[] => JSON.parse(row.outlets);

export const isOpen = (row: Pick<CampaignRow, 'starts_at' | 'ends_at'>, now: string) => row.starts_at <= now && now < row.ends_at;

/**
 * A drive as the public reads it; every outlet is listed, with 0 for one nobody wrote on yet.
 * `origin` is the asking page's (the request's Origin), so a form on a page that is not one of the
 * drive's outlets can say so before anything is typed (`acceptsHere`).
 */
export function toCampaign(row: CampaignRow, figures: Figures | undefined, now: string, origin: string | undefined): Campaign {
  const written = new Map((figures?.outlets ?? []).map((o) => [o.name, o.messages]));
  return {
    ...toCampaignSummary(row),
    open: isOpen(row, now),
    // An outlet on several origins (its site and its app's pages) is one name, counted once.
    outlets: [...new Set(outletsOf(row).map((o) => o.name))].map((name) => ({ name, messages: written.get(name) ?? 0 })),
    counts: figures?.counts ?? { ...NO_COUNTS },
    acceptsHere: outletFor(row, origin) !== 'refused',
  };
}

export function toAdminCampaign(row: CampaignRow, figures: Figures | undefined): AdminCampaign {
  return { ...toCampaignSummary(row), id: row.id, outlets: outletsOf(row), counts: figures?.counts ?? { ...NO_COUNTS } };
}

/** The site's drives, the latest to end first (CAMPAIGNS_LISTED at most), from `campaigns_by_site_end`. */
export function siteCampaigns(db: SiteDatabase, siteId: string): Promise<CampaignRow[]> {
  return db.all(db.q.selectFrom('campaigns').selectAll().where('site_id', '=', siteId).orderBy('ends_at', 'desc').limit(CAMPAIGNS_LISTED));
}

/**
 * The outlet a browser submission came from: `{ outlet: name }` for a listed origin, `{ outlet: null }`
 * when the drive lists no outlets or the request has no Origin (a server using the SDK), and
 * `'refused'` for a browser on a page that is not one of the drive's outlets. A submission from the
 * service's own pages (`own`: its origin; the hosted drive page /s/:site/campaigns/:slug) is the
 * site's, as for the site check (middleware/site-scope.ts): never refused, and credited to the outlet
 * that lists that origin, if one does.
 */
export function outletFor(row: Pick<CampaignRow, 'outlets'>, origin: string | undefined, own?: string): { outlet: string | null } | 'refused' {
  const outlets = outletsOf(row);
  if (outlets.length === 0 || !origin) return { outlet: null };
  const outlet = outlets.find((o) => o.origin === origin);
  return outlet ? { outlet: outlet.name } : origin === own ? { outlet: null } : 'refused';
}

type CampaignColumns = Pick<CampaignRow, 'title' | 'description' | 'starts_at' | 'ends_at' | 'unit_ids' | 'types' | 'domains' | 'outlets'>;

/** The columns of a drive from the admin's input (times stored as UTC ISO instants, lists as JSON). */
export function campaignColumns(input: Omit<Required<CreateCampaignInput>, 'slug'>): CampaignColumns {
  return {
    title: input.title,
    description: input.description,
    starts_at: new Date(input.startsAt).toISOString(),
    ends_at: new Date(input.endsAt).toISOString(),
    unit_ids: JSON.stringify(input.unitIds),
    types: JSON.stringify(input.types),
    domains: JSON.stringify(input.domains),
    outlets: JSON.stringify(input.outlets),
  };
}
