import { sql, type InferResult } from 'kysely';
import type { CampaignSummary, Domain, MessageType, ModerationMode, SubmissionLimits, UnitNode } from '../../../sdk/src';
import { DEFAULT_SUBMISSION_LIMITS } from '../../../sdk/src/schemas/common';
import { CONFIG_UNITS_MAX } from '../../../sdk/src/schemas/site';
import type { WorkingCalendar } from '../lib/calendar';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import type { NotificationOptions } from '../../../sdk/src/schemas/notifications';
import type { StringOverrides } from '../../../sdk/src/schemas/string-overrides';
import { notificationOptions } from '../notifications/store';
import type { CampaignRow, UnitRow } from './schema';

/** A site's settings, parsed from its row. */
export interface Site {
  id: string;
  name: string;
  locale: string;
  moderation: ModerationMode;
  allowedOrigins: string[];
  types: MessageType[];
  domains: Domain[];
  deadlineDays: Record<MessageType, number>;
  /** Changes whenever one of the site's units does: what an in-memory copy of the units is valid for. */
  unitsVersion: number;
  /** How many active units the site has (migration 0030). */
  activeUnits: number;
  /** The shortest title and body accepted, in characters. */
  titleMin: number;
  bodyMin: number;
  /** The site's own privacy notice (a page, or a text); both null: the one Liuyan ships. */
  privacyUrl: string | null;
  privacyText: string | null;
  submissionLimits: SubmissionLimits;
  /** How many follow-ups (追问) a citizen may send on one message. */
  followUpLimit: number;
  /** Working days before a deadline the unit is reminded; 0: never (migration 0015). */
  reminderDays: number;
  /** Whether the hosted board and its message pages are served (migration 0021). */
  hostedPages: boolean;
  /** The link back to the site's own website on the hosted pages: both or neither. */
  returnUrl: string | null;
  returnLabel: string | null;
  /** `#rrggbb` of the hosted pages; null: Liuyan's red. */
  themeColor: string | null;
  /** The hosted pages' share image (og:image), an https address; null: Liuyan's (migration 0025). */
  shareImageUrl: string | null;
  /** What the form may offer: SMS and e-mail notices, the SMS code (from notification_settings, migration 0028). */
  notifications: NotificationOptions;
  /** Cloudflare Turnstile's site key when the site asks for a token with each submission (migration 0033). */
  turnstileSiteKey: string | null;
  /** The site's own words for a few visible strings, per language (migration 0034). */
  stringOverrides: StringOverrides;
}

/** The statement that reads a site with its notification and Turnstile settings: one query, as every public request makes (`siteOf` maps its row). */
export function siteQuery(db: SiteDatabase, siteId: string) {
  return db.q.selectFrom('sites')
    // The notification and Turnstile settings come with the site.
    .leftJoin('notification_settings as ns', 'ns.site_id', 'sites.id')
    .select(['ns.sms_provider', 'ns.sms_endpoint', 'ns.sms_key_id', 'ns.sms_sign_name', 'ns.phone_verification'])
    .select((eb) => eb('ns.sms_secret_enc', 'is not', null).as('sms_has_secret'))
    .leftJoin('site_protection as sp', 'sp.site_id', 'sites.id')
    .select('sp.turnstile_site_key')
    .select([
      'id', 'name', 'locale', 'moderation', 'allowed_origins', 'types', 'domains', 'deadline_days', 'units_version', 'active_units',
      'title_min', 'body_min', 'privacy_url', 'privacy_text', 'submission_limits',
      'follow_up_limit',
      'reminder_days',
      'hosted_pages', 'return_url', 'return_label', 'theme_color',
      'share_image_url',
      'string_overrides',
    ])
    .where('sites.id', '=', siteId);
}

/** A row of `siteQuery` as the `Site` the routes use (its JSON columns parsed, defaults filled). */
export function siteOf(row: SiteQueryRow): Site {
  return {
    id: row.id,
    name: row.name,
    locale: row.locale,
    moderation: row.moderation,
    allowedOrigins: JSON.parse(row.allowed_origins),
    types: JSON.parse(row.types),
    domains: JSON.parse(row.domains),
    deadlineDays: JSON.parse(row.deadline_days),
    unitsVersion: row.units_version,
    activeUnits: row.active_units,
    titleMin: row.title_min,
    bodyMin: row.body_min,
    privacyUrl: row.privacy_url,
    privacyText: row.privacy_text,
    submissionLimits: { ...DEFAULT_SUBMISSION_LIMITS, ...JSON.parse(row.submission_limits) },
    followUpLimit: row.follow_up_limit,
    reminderDays: row.reminder_days,
    hostedPages: row.hosted_pages === 1,
    returnUrl: row.return_url,
    returnLabel: row.return_label,
    themeColor: row.theme_color,
    shareImageUrl: row.share_image_url,
    notifications: notificationOptions(row),
    turnstileSiteKey: row.turnstile_site_key ?? null,
    stringOverrides: JSON.parse(row.string_overrides),
  };
}

/** A row of `siteQuery`. */
type SiteQueryRow = InferResult<ReturnType<typeof siteQuery>>[number];

/** The site `siteId`, or null when there is none. */
export async function findSite(db: SiteDatabase, siteId: string): Promise<Site | null> {
  const row = await db.first(siteQuery(db, siteId));
  return row ? siteOf(row) : null;
}

type UnitFields = Pick<UnitRow, 'id' | 'parent_id' | 'name' | 'kind'>;

/** `rows` sorted in place into display order: sort order, then id. */
export function inDisplayOrder<T extends { id: string; sort_order: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.sort_order - b.sort_order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The site's active units in display order when there are at most FEW_UNITS of them, else null:
 * reads at most FEW_UNITS + 1 rows, unordered (an ORDER BY would read the whole tree to sort it).
 * The site config's small tree (`smallTreeQuery`) is the same select behind the site's row.
 */
export async function activeUnitsIfFew(db: SiteDatabase, siteId: string): Promise<UnitFields[] | null> {
  const rows = await db.all(
    db.q.selectFrom('units')
      .select(['id', 'parent_id', 'name', 'kind', 'sort_order'])
      .where('site_id', '=', siteId)
      .where('active', '=', 1)
      .limit(FEW_UNITS + 1),
  );
  if (rows.length > FEW_UNITS) return null;
  return inDisplayOrder(rows).map(({ sort_order: _, ...unit }) => unit);
}

/** Flat rows → the tree the widget's cascading picker walks. */
export function unitTree(units: UnitFields[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { id: u.id, name: u.name, kind: u.kind, children: [] }]));
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parent_id ? nodes.get(unit.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function findActiveUnit(db: SiteDatabase, siteId: string, unitId: string) {
  return db.first(activeUnitQuery(db, siteId, unitId));
}

/** The statement `findActiveUnit` runs, for a batch of reads. */
export function activeUnitQuery(db: SiteDatabase, siteId: string, unitId: string) {
  return db.q.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).where('site_id', '=', siteId).where('active', '=', 1);
}

/**
 * Whether `unitId` is one of `ancestorIds` or lies below one of them: seeks of `unit_ancestors`
 * (migration 0024), at most one per ancestor of the unit (~6 on a national tree), never the tree.
 * `ancestorIds` is bound as one JSON array, so any number of them fits D1's 100 bound values.
 */
export async function isWithinAny(db: SiteDatabase, unitId: string, ancestorIds: readonly string[]): Promise<boolean> {
  const row = await db.first(
    db.q.selectFrom('unit_ancestors').select('ancestor_id')
      .where('unit_id', '=', unitId)
      .where(sql<boolean>`ancestor_id IN (SELECT value FROM json_each(${JSON.stringify(ancestorIds)}))`)
      .limit(1),
  );
  return row !== null;
}

/**
 * Which of `unitIds` are units of the site (retired ones included): one primary-key seek each, never
 * the site's whole tree. The ids are bound as one JSON array, so any number fits D1's 100 bound values.
 */
export async function knownUnitIds(db: SiteDatabase, siteId: string, unitIds: readonly string[]): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const rows = await db.all(
    db.q.selectFrom('units').select('id')
      .where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(unitIds)}))`)
      // `+` keeps the planner on the primary key: the site's index would read all its units.
      .where(sql<boolean>`+site_id = ${siteId}`),
  );
  return new Set(rows.map((r) => r.id));
}

export function toCampaignSummary(row: CampaignRow): CampaignSummary {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    startsAt: toSiteTime(row.starts_at),
    endsAt: toSiteTime(row.ends_at),
    unitIds: JSON.parse(row.unit_ids),
    types: JSON.parse(row.types),
    domains: JSON.parse(row.domains),
  };
}

/** The site's campaigns open at `now` (ISO), the first to end first: the site config's (`siteConfigRider`). */
export function openCampaignsQuery(db: SiteDatabase, siteId: string, now: string) {
  return db.q.selectFrom('campaigns').selectAll()
    .where('site_id', '=', siteId)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .orderBy('ends_at');
}

/** The statement `findCampaign` runs, for a batch of reads: the site's campaign of that slug. */
export function campaignQuery(db: SiteDatabase, siteId: string, slug: string) {
  return db.q.selectFrom('campaigns').selectAll().where('site_id', '=', siteId).where('slug', '=', slug);
}

/** The site's campaign of that slug, or null. */
export function findCampaign(db: SiteDatabase, siteId: string, slug: string): Promise<CampaignRow | null> {
  return db.first(campaignQuery(db, siteId, slug));
}

/** The site's holidays and make-up working days from `from` on. */
export async function workingCalendar(db: SiteDatabase, siteId: string, from: string): Promise<WorkingCalendar> {
  return calendarOf(await db.all(calendarDaysQuery(db, siteId, from)));
}

/** The statement `workingCalendar` runs, for a batch of reads: the site's special days from `from` on. */
export function calendarDaysQuery(db: SiteDatabase, siteId: string, from: string) {
  return db.q.selectFrom('calendar_days').select(['day', 'kind']).where('site_id', '=', siteId).where('day', '>=', from);
}

/** The calendar the rows of `calendarDaysQuery` make. */
export function calendarOf(days: { day: string; kind: string }[]): WorkingCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}

/** A site's unit as statistics need it: its id and name (and parent), and whether it is retired (`active` 0). */
export type SiteUnit = Pick<UnitRow, 'id' | 'parent_id' | 'name' | 'active'>;

/**
 * Units per site, kept by this worker while the site's units version (bumped by triggers on every
 * change of a unit, read with the site on every request) is unchanged: a copy is never stale. Only
 * resolved data is kept, never a request's promise. A large tree is never kept (nor read) whole:
 * only the fact that it is large.
 */
const unitsBySite = new Map<string, { version: number; units: SiteUnit[] | null }>();
const UNIT_CACHE_SITES = 1000;

/** A site with more units than this is never read whole (the site config's limit, sdk schemas/site.ts). */
export const FEW_UNITS = CONFIG_UNITS_MAX;

/**
 * Every unit of a site with at most FEW_UNITS of them (a county's dozen: what lets statistics add
 * up the site's tally less a few units'), inactive ones too; null for a larger tree (a national
 * site's ~90,000), which no request reads whole. Reads at most FEW_UNITS + 1 rows, once per units version.
 */
export async function siteUnitsIfFew(db: SiteDatabase, site: Pick<Site, 'id' | 'unitsVersion'>): Promise<SiteUnit[] | null> {
  const kept = unitsBySite.get(site.id);
  if (kept && kept.version === site.unitsVersion) return kept.units;
  const rows = await db.all(db.q.selectFrom('units').select(['id', 'parent_id', 'name', 'active']).where('site_id', '=', site.id).limit(FEW_UNITS + 1));
  const units = rows.length > FEW_UNITS ? null : rows;
  if (unitsBySite.size >= UNIT_CACHE_SITES) unitsBySite.clear();
  unitsBySite.set(site.id, { version: site.unitsVersion, units });
  return units;
}

/**
 * A filter's unit or campaign the site does not have, as field problems (`unknown_unit` on `unit`,
 * `unknown_campaign` on `campaign`): selecting by it would answer an empty list or zeros, as if the
 * site had nothing. Retired units count as the site's (their messages stay). Reads one row by key
 * for each filter asked for.
 */
export async function unknownFilters(db: SiteDatabase, siteId: string, filter: { unit?: string; campaign?: string }) {
  const problems: { field: 'unit' | 'campaign'; code: 'unknown_unit' | 'unknown_campaign' }[] = [];
  if (filter.unit !== undefined && !(await db.first(db.q.selectFrom('units').select('id').where('id', '=', filter.unit).where('site_id', '=', siteId)))) {
    problems.push({ field: 'unit', code: 'unknown_unit' });
  }
  if (filter.campaign !== undefined && !(await db.first(db.q.selectFrom('campaigns').select('id').where('site_id', '=', siteId).where('slug', '=', filter.campaign)))) {
    problems.push({ field: 'campaign', code: 'unknown_campaign' });
  }
  return problems;
}

/**
 * Names of units, kept per site by this worker while the site's units version is unchanged (as
 * `siteUnitsIfFew` keeps a small tree), but only of the units asked for: a page of 20 cards on a
 * national site reads at most its own few dozen units, once, never the ~90,000 of the tree.
 * Answers id → name for the site's units among `unitIds` (others are left out). At most `UNIT_NAMES_KEPT` names per site are kept.
 */
const namesBySite = new Map<string, { version: number; names: Map<string, string>; retired: Set<string> }>();
const UNIT_NAMES_KEPT = 20_000;
/** Up to this many ids are bound one value each (D1 binds 100; json_each would count a row read per id). */
const NAMES_BOUND_AS_VALUES = 90;

export async function unitNames(db: SiteDatabase, site: Pick<Site, 'id' | 'unitsVersion'>, unitIds: readonly string[]): Promise<Map<string, string>> {
  return new Map([...(await namedUnits(db, site, unitIds))].map(([id, unit]) => [id, unit.name]));
}

/** As `unitNames`, with whether each unit is retired (停用): what the statistics' ranking marks. Read in the same one query, kept alike. */
export async function namedUnits(db: SiteDatabase, site: Pick<Site, 'id' | 'unitsVersion'>, unitIds: readonly string[]): Promise<Map<string, { name: string; retired: boolean }>> {
  let kept = namesBySite.get(site.id);
  if (!kept || kept.version !== site.unitsVersion) {
    if (namesBySite.size >= UNIT_CACHE_SITES) namesBySite.clear();
    kept = { version: site.unitsVersion, names: new Map(), retired: new Set() };
    namesBySite.set(site.id, kept);
  }
  const missing = [...new Set(unitIds)].filter((id) => !kept.names.has(id));
  if (missing.length > 0) {
    // Inactive units too: older messages are still addressed to them.
    const rows = await db.all(
      db.q.selectFrom('units').select(['id', 'name', 'active'])
        .where(missing.length <= NAMES_BOUND_AS_VALUES
          ? sql<boolean>`id IN (${sql.join(missing)})`
          : sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(missing)}))`)
        // `+` keeps the planner on the primary key: the site's index would read all its units.
        .where(sql<boolean>`+site_id = ${site.id}`),
    );
    if (kept.names.size + rows.length > UNIT_NAMES_KEPT) {
      kept.names.clear();
      kept.retired.clear();
    }
    for (const row of rows) {
      kept.names.set(row.id, row.name);
      if (!row.active) kept.retired.add(row.id);
    }
  }
  return new Map(unitIds.flatMap((id) => {
    const name = kept.names.get(id);
    return name === undefined ? [] : [[id, { name, retired: kept.retired.has(id) }] as const];
  }));
}
