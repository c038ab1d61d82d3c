import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { localeFromAcceptLanguage, type Locale } from '../../../sdk/src/error-messages';
import { errorCatalogs } from '../../../sdk/src/locales';
import { enAuditActions } from '../../../sdk/src/locales/en';
import { zhCNAuditActions } from '../../../sdk/src/locales/zh-cn';
import { zhTWAuditActions } from '../../../sdk/src/locales/zh-tw';
import { AuditPageSchema, AuditQuerySchema, type AuditAction, type AuditEntry } from '../../../sdk/src/schemas/audit';
import type { Role } from '../../../sdk/src/schemas/console';
import { newRouteGroup } from '../app';
import type { SiteDatabase } from '../db/client';
import { validationError } from '../errors';
import { localDay, siteDateTime, startOfLocalDay, startOfNextLocalDay, toSiteTime } from '../lib/site-time';
import { csvField } from './console-export';
import { officialErrorResponses } from './openapi-common';

// The audit log for admins: who saw which citizen's contact details, and who changed the site's
// settings, calendar, units, accounts and reply templates. Entries hold ids, names of the site's own
// things and field names, never a citizen's contact details (see `auditEntry`).

export const adminAudit = newRouteGroup();

/** Rows read per D1 query while the CSV streams out. */
const CSV_PAGE_SIZE = 500;

interface AuditFilter {
  account?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

/**
 * The site's entries that pass the filter, with the names they point at. Ordered newest first by
 * (created_at, id), which migration 0010's indexes serve for each filter: a page reads its own rows.
 */
function auditQuery(db: SiteDatabase, siteId: string, { account, action, from, to }: AuditFilter) {
  let query = db.q.selectFrom('audit_log as l').where('l.site_id', '=', siteId);
  if (account) query = query.where('l.account_id', '=', account);
  if (action) query = query.where('l.action', '=', action);
  if (from) query = query.where('l.created_at', '>=', startOfLocalDay(from));
  if (to) query = query.where('l.created_at', '<', startOfNextLocalDay(to));
  return query
    .leftJoin('accounts as actor', 'actor.id', 'l.account_id')
    .leftJoin('accounts as ta', (join) => join.on('ta.id', '=', sql<string>`json_extract(l.detail, '$.account')`))
    .leftJoin('units as tu', (join) => join.on('tu.id', '=', sql<string>`json_extract(l.detail, '$.unit')`))
    .leftJoin('reply_templates as tt', (join) => join.on('tt.id', '=', sql<string>`json_extract(l.detail, '$.template')`))
    .leftJoin('campaigns as tc', (join) => join.on('tc.id', '=', sql<string>`json_extract(l.detail, '$.campaign')`))
    .select([
      'l.id', 'l.created_at', 'l.account_id', 'l.action', 'l.message_id', 'l.detail',
      'actor.display_name as actor_name', 'actor.email as actor_email',
      'ta.display_name as account_name', 'tu.name as unit_name', 'tt.title as template_title', 'tc.title as campaign_title',
    ])
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc');
}

interface AuditRow {
  id: number;
  created_at: string;
  account_id: string | null;
  action: string;
  message_id: string | null;
  detail: string | null;
  actor_name: string | null;
  actor_email: string | null;
  account_name: string | null;
  unit_name: string | null;
  template_title: string | null;
  campaign_title: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const whole = (value: unknown) => (Number.isInteger(value) ? (value as number) : null);

/** A row as the API shows it: only the detail keys the schema names, so nothing else written there leaks out. */
function toEntry(row: AuditRow): AuditEntry & { actorEmail: string | null } {
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = row.detail ? JSON.parse(row.detail) : {};
    if (parsed && typeof parsed === 'object') detail = parsed as Record<string, unknown>;
  } catch {
    // An unreadable detail still leaves who, what and when.
  }
  const account = text(detail.account);
  const unit = text(detail.unit);
  const template = text(detail.template);
  const webhook = text(detail.webhook);
  const key = text(detail.key);
  const campaign = text(detail.campaign);
  const target: AuditEntry['target'] = account ? { kind: 'account', id: account, name: row.account_name }
    : unit ? { kind: 'unit', id: unit, name: row.unit_name }
      : template ? { kind: 'template', id: template, name: row.template_title ?? text(detail.title) }
        : webhook ? { kind: 'webhook', id: webhook, name: text(detail.url) }
          // By its label as the keys page lists it, with its prefix (entries from before the label was kept: the prefix).
          : key ? { kind: 'integration_key', id: key, name: text(detail.label) ? `${text(detail.label)} (${text(detail.prefix)})` : text(detail.prefix) }
            : campaign ? { kind: 'campaign', id: campaign, name: row.campaign_title ?? text(detail.slug) }
              : null;
  const recorded = detail.changes && typeof detail.changes === 'object' ? detail.changes as Record<string, unknown> : {};
  const changes = (['name', 'parentId', 'active'] as const).flatMap((field) => {
    const pair = recorded[field];
    return Array.isArray(pair) && pair.length === 2 ? [{ field, from: text(pair[0]), to: text(pair[1]) }] : [];
  });
  return {
    id: String(row.id),
    at: toSiteTime(row.created_at),
    actor: row.account_id ? { id: row.account_id, displayName: row.actor_name ?? row.account_id } : null,
    actorEmail: row.actor_email,
    action: row.action,
    messageId: row.message_id,
    target,
    fields: Array.isArray(detail.fields) ? detail.fields.filter((f): f is string => typeof f === 'string') : [],
    changes,
    role: (['admin', 'moderator', 'responder'] as const).find((r) => r === detail.role) ?? null,
    rows: whole(detail.rows),
    year: whole(detail.year),
    // A holiday added records its name; one removed, the names of its days.
    holidays: row.action.startsWith('calendar.')
      ? [detail.name, ...(Array.isArray(detail.names) ? detail.names : [])].filter((name): name is string => typeof name === 'string') : [],
    from: text(detail.from),
    to: text(detail.to),
  };
}

/** `created_at~id` of the last entry shown: the next page starts below it. */
const encodeCursor = (row: AuditRow) => `${row.created_at}~${row.id}`;

function decodeCursor(cursor: string): { at: string; id: number } {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~(\d{1,15})$/.exec(cursor);
  if (!match) throw validationError([{ field: 'cursor', code: 'invalid' }]);
  return { at: match[1]!, id: Number(match[2]) };
}

function checkedFilter(query: AuditFilter): AuditFilter {
  if (query.from && query.to && query.from > query.to) throw validationError([{ field: 'to', code: 'before_start' }]);
  return query;
}

const listAudit = createRoute({
  operationId: 'listAuditLog',
  method: 'get',
  path: '/v1/admin/audit-log',
  summary: 'The audit log, newest first: who saw contact details, who changed settings, units, accounts and templates; '
    + 'by person, action and site-local days',
  request: { query: AuditQuerySchema },
  responses: {
    200: { description: 'a page of entries and the cursor of the next (null at the end)', content: { 'application/json': { schema: AuditPageSchema } } },
    ...officialErrorResponses,
  },
});

adminAudit.openapi(listAudit, async (c) => {
  const { cursor, limit, ...query } = c.req.valid('query');
  const db = c.get('db');
  let page = auditQuery(db, c.get('site').id, checkedFilter(query));
  if (cursor) {
    const after = decodeCursor(cursor);
    page = page.where(sql<boolean>`(l.created_at, l.id) < (${after.at}, ${after.id})`);
  }
  // One more than shown tells whether there is a next page.
  const rows: AuditRow[] = await db.all(page.limit(limit + 1));
  const shown = rows.slice(0, limit);
  return c.json({
    items: shown.map((row) => {
      const { actorEmail: _, ...entry } = toEntry(row);
      return entry;
    }),
    nextCursor: rows.length > limit ? encodeCursor(shown.at(-1)!) : null,
  }, 200);
});

const CSV_COLUMNS: Record<Locale, string[]> = {
  'zh-CN': ['时间', '操作人', '操作人邮箱', '操作', '对象', '留言编号', '详情'],
  en: ['time', 'person', 'person’s email', 'action', 'about', 'message', 'details'],
  'zh-TW': ['時間', '操作人', '操作人信箱', '操作', '對象', '留言編號', '詳情'],
};

const ACTION_LABELS: Record<Locale, Record<AuditAction, string>> = { 'zh-CN': zhCNAuditActions, en: enAuditActions, 'zh-TW': zhTWAuditActions };

const CSV_WORDS: Record<Locale, {
  roles: Record<Role, string>; changed: string; rows: string; year: string; range: string; separator: string; removed: string;
  changedFrom: string; topLevel: string; active: Record<'true' | 'false', string>;
}> = {
  'zh-CN': {
    roles: { admin: '管理员', moderator: '审核员', responder: '办理人员' },
    changed: '修改：', rows: '{n}条留言', year: '{n}年', range: '{from}至{to}', separator: '、', removed: '（已删除）',
    changedFrom: '{field}：{from} → {to}', topLevel: '（顶级）', active: { true: '在用', false: '停用' },
  },
  en: {
    roles: { admin: 'admin', moderator: 'moderator', responder: 'responder' },
    changed: 'changed: ', rows: '{n} messages', year: 'year {n}', range: '{from} to {to}', separator: ', ', removed: ' (removed)',
    changedFrom: '{field}: {from} → {to}', topLevel: '(top level)', active: { true: 'active', false: 'retired' },
  },
  'zh-TW': {
    roles: { admin: '管理員', moderator: '審核員', responder: '辦理人員' },
    changed: '修改：', rows: '{n}則留言', year: '{n}年', range: '{from}至{to}', separator: '、', removed: '（已刪除）',
    changedFrom: '{field}：{from} → {to}', topLevel: '（頂級）', active: { true: '在用', false: '停用' },
  },
};

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

/** One entry as a CSV line's fields, in the reader's language. */
function csvFields(entry: ReturnType<typeof toEntry>, locale: Locale): string[] {
  const words = CSV_WORDS[locale];
  const fieldNames = errorCatalogs[locale].fields.fields;
  const value = (field: string, v: string | null) => (field === 'active' ? words.active[v === 'true' ? 'true' : 'false'] : v ?? words.topLevel);
  const details = [
    // A unit's change names what it was and became; other changes, which fields.
    ...entry.changes.map((c) => fill(words.changedFrom, { field: fieldNames[c.field] ?? c.field, from: value(c.field, c.from), to: value(c.field, c.to) })),
    entry.changes.length === 0 && entry.fields.length > 0 ? words.changed + entry.fields.map((f) => fieldNames[f] ?? f).join(words.separator) : '',
    entry.role ? words.roles[entry.role] : '',
    entry.rows !== null ? fill(words.rows, { n: entry.rows }) : '',
    entry.holidays.join(words.separator),
    entry.year !== null ? fill(words.year, { n: entry.year }) : '',
    entry.from || entry.to ? fill(words.range, { from: entry.from ?? '…', to: entry.to ?? '…' }) : '',
  ].filter(Boolean);
  const target = entry.target ? entry.target.name ?? `${entry.target.id}${words.removed}` : '';
  return [
    // Written as the messages' export writes times, to the second.
    siteDateTime(entry.at, true), entry.actor?.displayName ?? '', entry.actorEmail ?? '',
    ACTION_LABELS[locale][entry.action as AuditAction] ?? entry.action,
    target, entry.messageId ?? '', details.join(words.separator),
  ];
}

const exportAudit = createRoute({
  operationId: 'exportAuditLog',
  method: 'get',
  path: '/v1/admin/audit-log.csv',
  summary: 'The audit log as CSV, newest first, with the same filters; labels in the reader’s language (Accept-Language), site-local times',
  request: { query: AuditQuerySchema.omit({ cursor: true, limit: true }) },
  responses: {
    200: { description: 'UTF-8 CSV with a byte order mark (for Excel), one entry a line', content: { 'text/csv': { schema: z.string() } } },
    ...officialErrorResponses,
  },
});

adminAudit.openapi(exportAudit, async (c) => {
  const filter = checkedFilter(c.req.valid('query'));
  const site = c.get('site');
  const db = c.get('db');
  const locale = localeFromAcceptLanguage(c.req.header('Accept-Language'));
  const encoder = new TextEncoder();
  let after: AuditRow | null = null;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${CSV_COLUMNS[locale].map(csvField).join(',')}\r\n`));
    },
    // A failure mid-file errors the stream: the download fails visibly instead of ending short.
    async pull(controller) {
      if (done) return controller.close();
      let page = auditQuery(db, site.id, filter);
      if (after) page = page.where(sql<boolean>`(l.created_at, l.id) < (${after.created_at}, ${after.id})`);
      const rows: AuditRow[] = await db.all(page.limit(CSV_PAGE_SIZE));
      const chunk = rows.map((row) => `${csvFields(toEntry(row), locale).map(csvField).join(',')}\r\n`).join('');
      if (chunk) controller.enqueue(encoder.encode(chunk));
      after = rows.at(-1) ?? after;
      done = rows.length < CSV_PAGE_SIZE;
    },
  });
  const name = `liuyan-${site.id.replace(/[^\w-]/g, '_')}-audit-${localDay(new Date())}.csv`;
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
});
