// Queries behind the admin routes: site settings, the working calendar, units, reply templates, and
// the audit log rows written with them.
import { sql, type Compilable } from 'kysely';
import type { AdminUnit, CalendarDay, ReplyTemplate, SiteSettings } from '../../../sdk/src/schemas/admin';
import type { AuditAction } from '../../../sdk/src/schemas/audit';
import type { UnitKind } from '../../../sdk/src/schemas/common';
import { matchForm } from '../../../sdk/src/text';
import type { SiteDatabase } from './client';

/** One audit log row: who did what. `detail` holds names and counts, never personal data. */
export function auditEntry(db: SiteDatabase, entry: {
  siteId: string; accountId: string; action: AuditAction; messageId?: string | null; detail: Record<string, unknown>; at: string;
}) {
  return db.q.insertInto('audit_log').values({
    site_id: entry.siteId,
    account_id: entry.accountId,
    action: entry.action,
    message_id: entry.messageId ?? null,
    detail: JSON.stringify(entry.detail),
    created_at: entry.at,
  });
}

/**
 * The audit row of the statement just before it in the same `batch()`, written only when that statement
 * changed a row (SQLite's `changes()`: the rows the last INSERT, UPDATE or DELETE on the connection
 * changed, https://sqlite.org/lang_corefunc.html#changes). A guarded change that found nothing to do —
 * decided a moment ago by another official, a row deleted meanwhile — is not audited as done.
 */
export function auditEntryOfChange(db: SiteDatabase, entry: Parameters<typeof auditEntry>[1]) {
  return db.q.insertInto('audit_log').columns(['site_id', 'account_id', 'action', 'message_id', 'detail', 'created_at'])
    .expression(db.q.selectNoFrom((eb) => [
      eb.val(entry.siteId).as('site_id'), eb.val(entry.accountId).as('account_id'), eb.val(entry.action).as('action'),
      eb.val(entry.messageId ?? null).as('message_id'), eb.val(JSON.stringify(entry.detail)).as('detail'), eb.val(entry.at).as('created_at'),
    ]).where(sql<boolean>`changes() > 0`));
}

/** The settings an admin may change. */
export type SiteChanges = Partial<Omit<SiteSettings, 'id' | 'locale'>>;

export function updateSiteStatement(db: SiteDatabase, siteId: string, changes: SiteChanges, at: string) {
  return db.q.updateTable('sites')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.moderation !== undefined && { moderation: changes.moderation }),
      ...(changes.allowedOrigins !== undefined && { allowed_origins: JSON.stringify(changes.allowedOrigins) }),
      ...(changes.types !== undefined && { types: JSON.stringify(changes.types) }),
      ...(changes.domains !== undefined && { domains: JSON.stringify(changes.domains) }),
      ...(changes.deadlineDays !== undefined && { deadline_days: JSON.stringify(changes.deadlineDays) }),
      ...(changes.titleMin !== undefined && { title_min: changes.titleMin }),
      ...(changes.bodyMin !== undefined && { body_min: changes.bodyMin }),
      ...(changes.privacyUrl !== undefined && { privacy_url: changes.privacyUrl }),
      ...(changes.privacyText !== undefined && { privacy_text: changes.privacyText }),
      ...(changes.submissionLimits !== undefined && { submission_limits: JSON.stringify(changes.submissionLimits) }),
      ...(changes.followUpLimit !== undefined && { follow_up_limit: changes.followUpLimit }),
      ...(changes.reminderDays !== undefined && { reminder_days: changes.reminderDays }),
      ...(changes.hostedPages !== undefined && { hosted_pages: changes.hostedPages ? 1 : 0 }),
      ...(changes.returnUrl !== undefined && { return_url: changes.returnUrl }),
      ...(changes.returnLabel !== undefined && { return_label: changes.returnLabel }),
      ...(changes.themeColor !== undefined && { theme_color: changes.themeColor }),
      ...(changes.shareImageUrl !== undefined && { share_image_url: changes.shareImageUrl }),
      ...(changes.stringOverrides !== undefined && { string_overrides: JSON.stringify(changes.stringOverrides) }),
      updated_at: at,
    })
    .where('id', '=', siteId);
}

const yearRange = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });

export async function calendarDays(db: SiteDatabase, siteId: string, year: number): Promise<CalendarDay[]> {
  const { first, last } = yearRange(year);
  return db.all(
    db.q.selectFrom('calendar_days').select(['day', 'kind', 'name'])
      .where('site_id', '=', siteId).where('day', '>=', first).where('day', '<=', last)
      .orderBy('day'),
  );
}

/** D1 binds at most 100 values per statement: 4 per day → 25 days per INSERT. */
const DAYS_PER_INSERT = 25;

/** Statements that replace a year's calendar with `days` (all in the year), for one batch. */
export function replaceCalendarStatements(db: SiteDatabase, siteId: string, year: number, days: CalendarDay[]) {
  const { first, last } = yearRange(year);
  const statements: Compilable<unknown>[] = [
    db.q.deleteFrom('calendar_days').where('site_id', '=', siteId).where('day', '>=', first).where('day', '<=', last),
  ];
  for (let start = 0; start < days.length; start += DAYS_PER_INSERT) {
    statements.push(db.q.insertInto('calendar_days').values(
      days.slice(start, start + DAYS_PER_INSERT).map((d) => ({ site_id: siteId, day: d.day, kind: d.kind, name: d.name })),
    ));
  }
  return statements;
}

/** Statements that take `days` (YYYY-MM-DD) out of the site's calendar, for one batch; other days stay. */
export function removeCalendarStatements(db: SiteDatabase, siteId: string, days: string[]) {
  const statements: Compilable<unknown>[] = [];
  // Within D1's 100 bound values a statement: the site and up to 90 days.
  for (let start = 0; start < days.length; start += 90) {
    statements.push(db.q.deleteFrom('calendar_days').where('site_id', '=', siteId).where('day', 'in', days.slice(start, start + 90)));
  }
  return statements;
}

/**
 * Statements that write `days` into the site's calendar, for one batch: a day already there takes the
 * new kind and name; every other day stays. Writing the same days again changes nothing.
 */
export function mergeCalendarStatements(db: SiteDatabase, siteId: string, days: CalendarDay[]) {
  const statements: Compilable<unknown>[] = [];
  for (let start = 0; start < days.length; start += DAYS_PER_INSERT) {
    statements.push(db.q.insertInto('calendar_days')
      .values(days.slice(start, start + DAYS_PER_INSERT).map((d) => ({ site_id: siteId, day: d.day, kind: d.kind, name: d.name })))
      .onConflict((oc) => oc.columns(['site_id', 'day']).doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name') }))));
  }
  return statements;
}

const unitColumns = ['id', 'name', 'kind', 'parent_id', 'sort_order', 'active'] as const;

function toAdminUnit(row: { id: string; name: string; kind: UnitKind; parent_id: string | null; sort_order: number; active: number }): AdminUnit {
  return { id: row.id, name: row.name, kind: row.kind, parentId: row.parent_id, sortOrder: row.sort_order, active: row.active === 1 };
}

/** Every unit of the site, retired ones too, in the order the widget shows them. */
export async function siteUnits(db: SiteDatabase, siteId: string): Promise<AdminUnit[]> {
  const rows = await db.all(
    db.q.selectFrom('units').select(unitColumns).where('site_id', '=', siteId).orderBy('sort_order').orderBy('id'),
  );
  return rows.map(toAdminUnit);
}

export async function findSiteUnit(db: SiteDatabase, siteId: string, unitId: string): Promise<AdminUnit | null> {
  const row = await db.first(db.q.selectFrom('units').select(unitColumns).where('site_id', '=', siteId).where('id', '=', unitId));
  return row ? toAdminUnit(row) : null;
}

/**
 * Whether an active unit other than `exceptId` under `parentId` (null: the top level) has the name
 * `name`, compared as `matchForm` compares (full-width ＡＢ, case and characters that show nothing
 * aside): two such choices in a citizen's list could not be told apart. Retired ones do not count (a
 * restructured 教育局 may replace a retired one of the same name). Reads the parent's active children
 * off the index on (site, parent, order), their names only.
 */
export async function activeSiblingNamed(db: SiteDatabase, siteId: string, parentId: string | null, name: string, exceptId?: string): Promise<boolean> {
  let q = db.q.selectFrom('units').select(['id', 'name'])
    .where('site_id', '=', siteId).where('parent_id', parentId === null ? 'is' : '=', parentId).where('active', '=', 1);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const wanted = nameKey(name);
  return (await db.all(q)).some((sibling) => nameKey(sibling.name) === wanted);
}

/** Whether a unit has an active unit right under it (one row of the index on (site, parent, order) at most). */
export async function hasActiveChildren(db: SiteDatabase, siteId: string, unitId: string): Promise<boolean> {
  const row = await db.first(db.q.selectFrom('units').select('id')
    .where('site_id', '=', siteId).where('parent_id', '=', unitId).where('active', '=', 1).limit(1));
  return row !== null;
}

/**
 * The title of a drive (建言专栏) not yet ended that collects for `unitId` and no other active unit,
 * or null: retired, the unit would leave that drive open with a form no one can send. Reads the site's
 * drives not ended (a handful) and, for each, its units by primary key.
 */
export async function driveLeftWithoutUnits(db: SiteDatabase, siteId: string, unitId: string, now: string): Promise<string | null> {
  const row = await db.first(db.q.selectFrom('campaigns as c').select('c.title')
    .where('c.site_id', '=', siteId).where('c.ends_at', '>', now)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(c.unit_ids) AS j WHERE j.value = ${unitId})`)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM json_each(c.unit_ids) AS j JOIN units AS u ON u.id = j.value
      WHERE u.site_id = c.site_id AND u.active = 1 AND u.id <> ${unitId})`)
    .limit(1));
  return row?.title ?? null;
}

/** The sort order after the last of `parentId`'s children (0 for the first): one row of the index on (site, parent, order). */
export async function nextSortOrder(db: SiteDatabase, siteId: string, parentId: string | null): Promise<number> {
  const last = await db.first(
    db.q.selectFrom('units').select('sort_order')
      .where('site_id', '=', siteId).where('parent_id', parentId === null ? 'is' : '=', parentId)
      .orderBy('sort_order', 'desc').limit(1),
  );
  return last ? Math.max(0, last.sort_order + 1) : 0;
}

export async function replyTemplatesOf(db: SiteDatabase, siteId: string): Promise<ReplyTemplate[]> {
  return db.all(
    db.q.selectFrom('reply_templates').select(['id', 'title', 'body']).where('site_id', '=', siteId).orderBy('created_at').orderBy('id'),
  );
}

/**
 * The key a unit's name or a template's title is told apart by (`name_key`, `title_key`, migration
 * 0050): `matchForm` of the trimmed text, so `Ｔ40 ` and `t40` are one.
 */
export const nameKey = (name: string): string => matchForm(name.trim());

/**
 * The site's reply template whose title reads as `title` (titles arrive trimmed), other than `exceptId`,
 * or null. Compared in the search's form (`matchForm`: full width, case, compatibility characters), as
 * units' names are: `Ｔ40` and `t40` are one entry to an official picking from the reply form's list.
 * The site's templates are read whole: the console lists them all anyway, a few dozen at most.
 */
export async function replyTemplateTitled(db: SiteDatabase, siteId: string, title: string, exceptId?: string): Promise<ReplyTemplate | null> {
  const wanted = nameKey(title);
  return (await replyTemplatesOf(db, siteId)).find((t) => t.id !== exceptId && nameKey(t.title) === wanted) ?? null;
}

/**
 * The guard of a template's write, read in the write's own transaction: no other template of the site
 * has `title`, exactly or in `matchForm` (its `title_key`, migration 0050). Two admins adding `T40`
 * and `t40` in the same instant (both past the check of `replyTemplateTitled`) then write one; the
 * other's statement changes nothing.
 */
export function noOtherTemplateTitled(siteId: string, title: string, exceptId: string) {
  return sql<boolean>`NOT EXISTS (SELECT 1 FROM reply_templates
    WHERE site_id = ${siteId} AND (title = ${title} OR title_key = ${nameKey(title)}) AND id != ${exceptId})`;
}

export function findReplyTemplate(db: SiteDatabase, siteId: string, templateId: string): Promise<ReplyTemplate | null> {
  return db.first(
    db.q.selectFrom('reply_templates').select(['id', 'title', 'body']).where('site_id', '=', siteId).where('id', '=', templateId),
  );
}
