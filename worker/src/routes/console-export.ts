import { createRoute, z } from '@hono/zod-openapi';
import { ExportQuerySchema } from '../../../sdk/src/schemas/admin';
import { pickLocale } from '../../../sdk/src/error-messages';
import { newRouteGroup } from '../app';
import { assertRole } from '../auth/official';
import { auditEntry } from '../db/admin';
import type { SiteDatabase } from '../db/client';
import { validationError } from '../errors';
import { openContact, type SealedContact } from '../lib/contact';
import { createCipher, type Cipher } from '../lib/crypto';
import { endOfLocalDay, localDay, toSiteTime } from '../lib/site-time';
import { officialErrorResponses } from './openapi-common';

export const consoleExport = newRouteGroup();

/** Rows read per D1 query while the file streams out: a site's whole history never sits in memory. */
const PAGE_SIZE = 500;

const COLUMNS = {
  'zh-CN': ['编号', '提交时间', '留言对象', '类型', '领域', '标题', '内容', '所在地区', '署名', '公开', '审核状态', '办理状态', '办理期限', '回复数'],
  en: ['id', 'created', 'unit', 'type', 'domain', 'title', 'body', 'region', 'display name', 'public', 'moderation', 'status', 'due', 'replies'],
};
const CONTACT_COLUMNS = { 'zh-CN': ['姓名', '联系电话', '电子邮箱'], en: ['name', 'phone', 'email'] };

// A spreadsheet runs a cell that starts like a formula (=HYPERLINK(…), +cmd|…, @SUM…): citizens'
// text is shown as text by prefixing an apostrophe (OWASP "CSV injection"; tab and CR as well).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** The first instant of a site-local day, as UTC ISO (days end at local midnight). */
const startOfLocalDay = (day: string) => new Date(Date.parse(endOfLocalDay(day)) + 1000 - 86_400_000).toISOString();
const dayAfter = (day: string) => new Date(Date.parse(endOfLocalDay(day)) + 1000).toISOString();

interface Range {
  from?: string;
  to?: string;
}

function messagesOf(db: SiteDatabase, siteId: string, { from, to }: Range) {
  let query = db.q.selectFrom('messages as m').where('m.site_id', '=', siteId);
  if (from) query = query.where('m.created_at', '>=', startOfLocalDay(from));
  if (to) query = query.where('m.created_at', '<', dayAfter(to));
  return query;
}

function page(db: SiteDatabase, siteId: string, range: Range, afterSeq: number) {
  return messagesOf(db, siteId, range)
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .select([
      'm.seq', 'm.id', 'm.created_at', 'u.name as unit', 'm.type', 'm.domain', 'm.title', 'm.body', 'm.region', 'm.display_name',
      'm.is_public', 'm.moderation', 'm.status', 'm.due_at', 'm.reply_count', 'm.author_name_enc', 'm.author_phone_enc', 'm.author_email_enc',
    ])
    .where('m.seq', '>', afterSeq)
    .orderBy('m.seq')
    .limit(PAGE_SIZE);
}

function rowFields(row: {
  id: string; created_at: string; unit: string | null; type: string; domain: string; title: string; body: string; region: string;
  display_name: string; is_public: number; moderation: string; status: string; due_at: string; reply_count: number;
}): string[] {
  return [
    row.id, toSiteTime(row.created_at), row.unit ?? '', row.type, row.domain, row.title, row.body, row.region, row.display_name,
    row.is_public === 1 ? 'true' : 'false', row.moderation, row.status, toSiteTime(row.due_at), String(row.reply_count),
  ];
}

async function contactFields(cipher: Cipher, row: SealedContact) {
  const { name, phone, email } = await openContact(cipher, row);
  return [name, phone, email ?? ''];
}

const exportMessages = createRoute({
  operationId: 'exportMessages',
  method: 'get',
  path: '/v1/console/export.csv',
  summary: 'The site’s messages as CSV (admins); with contact=1 also the citizens’ contact details, audited',
  request: { query: ExportQuerySchema },
  responses: {
    200: {
      description: 'UTF-8 CSV with a byte order mark (for Excel), one message a line, oldest first',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...officialErrorResponses,
  },
});

consoleExport.openapi(exportMessages, async (c) => {
  const official = c.get('official');
  assertRole(official, 'admin');
  const { from, to, contact } = c.req.valid('query');
  if (from && to && from > to) throw validationError([{ field: 'to', code: 'invalid' }]);
  const range: Range = { from, to };
  const withContact = contact === '1';
  const site = c.get('site');
  const db = c.get('db');
  const cipher = withContact ? await createCipher(c.env.DATA_KEY) : null;
  const now = new Date();

  if (withContact) {
    // Logged before any of it is read, so even an interrupted download is on record.
    const counted = await db.first(messagesOf(db, site.id, range).select((eb) => eb.fn.countAll<number>().as('rows')));
    await db.run(auditEntry(db, {
      siteId: site.id, accountId: official.id, action: 'export.contact',
      detail: { rows: counted?.rows ?? 0, from: from ?? null, to: to ?? null }, at: now.toISOString(),
    }));
  }

  const locale = pickLocale(c.req.header('Accept-Language'));
  const encoder = new TextEncoder();
  let afterSeq = 0;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // The byte order mark makes Excel read UTF-8 (and so the Chinese) correctly.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine([...COLUMNS[locale], ...(withContact ? CONTACT_COLUMNS[locale] : [])])}`));
    },
    // A failure mid-file errors the stream: the download fails visibly instead of ending short.
    async pull(controller) {
      if (done) return controller.close();
      const rows = await db.all(page(db, site.id, range, afterSeq));
      let chunk = '';
      for (const row of rows) {
        chunk += csvLine([...rowFields(row), ...(cipher ? await contactFields(cipher, row) : [])]);
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      afterSeq = rows.at(-1)?.seq ?? afterSeq;
      done = rows.length < PAGE_SIZE;
    },
  });

  const name = `liuyan-${site.id.replace(/[^\w-]/g, '_')}-${localDay(now)}${withContact ? '-contact' : ''}.csv`;
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
});
