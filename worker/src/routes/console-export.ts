import { createRoute, z } from '@hono/zod-openapi';
import { ExportQuerySchema } from '../../../sdk/src/schemas/admin';
import { localeFromAcceptLanguage } from '../../../sdk/src/error-messages';
import { labelCatalogs } from '../../../sdk/src/locales';
import type { Vocabulary } from '../../../sdk/src/vocabulary';
import { newRouteGroup } from '../app';
import { assertRole } from '../auth/official';
import { auditEntry } from '../db/admin';
import type { SiteDatabase } from '../db/client';
import { validationError } from '../errors';
import { openContact, type SealedContact } from '../lib/contact';
import { createCipher, type Cipher } from '../lib/crypto';
import { localDay, siteDateTime, startOfLocalDay, startOfNextLocalDay } from '../lib/site-time';
import { officialErrorResponses } from './openapi-common';

export const consoleExport = newRouteGroup();

/** Rows read per D1 query while the file streams out: a site's whole history never sits in memory. */
const PAGE_SIZE = 500;

const COLUMNS = {
  'zh-CN': [
    '编号', '提交时间', '留言对象', '类型', '领域', '标题', '内容', '所在地区', '署名', '公开', '审核状态', '办理状态', '办理期限', '回复数',
    '最新回复类型', '答复单位', '最新回复时间', '最新回复内容', '转办路径', '建言专栏', '来源媒体', '采纳时间', '采纳说明',
  ],
  en: [
    'id', 'created', 'unit', 'type', 'domain', 'title', 'body', 'region', 'display name', 'public', 'moderation', 'status', 'due', 'replies',
    'latest reply kind', 'answering unit', 'latest reply time', 'latest reply', 'transfer path', 'campaign', 'outlet', 'adopted', 'adoption note',
  ],
  'zh-TW': [
    '編號', '提交時間', '留言對象', '類型', '領域', '標題', '內容', '所在地區', '署名', '公開', '審核狀態', '辦理狀態', '辦理期限', '回覆數',
    '最新回覆類型', '答覆單位', '最新回覆時間', '最新回覆內容', '轉辦路徑', '建言專欄', '來源媒體', '採納時間', '採納說明',
  ],
};
const YES_NO = { 'zh-CN': ['是', '否'], en: ['yes', 'no'], 'zh-TW': ['是', '否'] } as const;
// The last: when the citizen's details were erased (by the citizen, or at the end of the retention
// period), so empty cells are not read as details never given.
const CONTACT_COLUMNS = {
  'zh-CN': ['姓名', '联系电话', '电子邮箱', '联系方式删除时间'], en: ['name', 'phone', 'email', 'contact erased'], 'zh-TW': ['姓名', '聯絡電話', '電子郵件信箱', '聯絡方式刪除時間'],
};

// A spreadsheet runs a cell that starts like a formula (=HYPERLINK(…), +cmd|…, @SUM…): citizens'
// text is shown as text by prefixing an apostrophe (OWASP "CSV injection"; tab and CR as well).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;


interface Range {
  from?: string;
  to?: string;
}

function messagesOf(db: SiteDatabase, siteId: string, { from, to }: Range) {
  let query = db.q.selectFrom('messages as m').where('m.site_id', '=', siteId);
  if (from) query = query.where('m.created_at', '>=', startOfLocalDay(from));
  if (to) query = query.where('m.created_at', '<', startOfNextLocalDay(to));
  return query;
}

// The latest reply is found by the message row's own copy of its id (set with the reply), so each
// message costs primary-key lookups only.
function page(db: SiteDatabase, siteId: string, range: Range, afterSeq: number) {
  return messagesOf(db, siteId, range)
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('replies as r', 'r.id', 'm.latest_reply_id')
    .leftJoin('units as ru', 'ru.id', 'r.unit_id')
    .leftJoin('campaigns as cp', 'cp.id', 'm.campaign_id')
    .select([
      'm.seq', 'm.id', 'm.created_at', 'u.name as unit', 'm.type', 'm.domain', 'm.title', 'm.body', 'm.region', 'm.display_name',
      'm.is_public', 'm.moderation', 'm.status', 'm.due_at', 'm.reply_count', 'm.author_name_enc', 'm.author_phone_enc', 'm.author_email_enc', 'm.author_erased_at',
      'r.kind as reply_kind', 'ru.name as reply_unit', 'r.created_at as reply_at', 'r.body as reply_body',
      'cp.title as campaign', 'm.source_outlet', 'm.adopted_at', 'm.adoption_note',
    ])
    .where('m.seq', '>', afterSeq)
    .orderBy('m.seq')
    .limit(PAGE_SIZE);
}

/**
 * The transfers (转办) of the messages of one page (seq in `(afterSeq, lastSeq]`), oldest first: one
 * query per page, bounded by the page's seq range rather than a list of ids (D1 binds 100 values at most).
 */
function transfersOf(db: SiteDatabase, siteId: string, afterSeq: number, lastSeq: number) {
  return db.q.selectFrom('messages as m')
    .innerJoin('message_events as e', 'e.message_id', 'm.id')
    .leftJoin('units as fu', 'fu.id', 'e.from_unit_id')
    .leftJoin('units as tu', 'tu.id', 'e.unit_id')
    .select(['m.id as message_id', 'fu.name as from_unit', 'tu.name as to_unit'])
    .where('m.site_id', '=', siteId)
    .where('m.seq', '>', afterSeq)
    .where('m.seq', '<=', lastSeq)
    .where('e.kind', '=', 'transferred')
    .orderBy('m.seq')
    .orderBy('e.id');
}

/** Each transferred message's path: the unit it was first addressed to, then every unit it went to (`A → B → C`). */
function transferPaths(rows: { message_id: string; from_unit: string | null; to_unit: string | null }[]): Map<string, string> {
  const units = new Map<string, string[]>();
  for (const { message_id, from_unit, to_unit } of rows) {
    const path = units.get(message_id) ?? [from_unit ?? ''];
    path.push(to_unit ?? '');
    units.set(message_id, path);
  }
  return new Map([...units].map(([id, path]) => [id, path.join(' → ')]));
}

interface ExportRow {
  id: string; created_at: string; unit: string | null; type: string; domain: string; title: string; body: string; region: string;
  display_name: string; is_public: number; moderation: string; status: string; due_at: string; reply_count: number;
  reply_kind: string | null; reply_unit: string | null; reply_at: string | null; reply_body: string | null;
  campaign: string | null; source_outlet: string | null; adopted_at: string | null; adoption_note: string | null;
}

/**
 * One message as a spreadsheet row, in the reader's language: codes as their labels, times in the
 * site's time zone (`2026-12-03 09:05`), the deadline as its last day. A private message is never
 * reviewed (no 审核状态), and a rejected one is not handled (no 办理期限), as the console and the author see them.
 */
function rowFields(row: ExportRow, labels: Vocabulary, yesNo: readonly [string, string], path: string): string[] {
  const label = (table: Record<string, string>, code: string) => table[code] ?? code;
  return [
    row.id, siteDateTime(row.created_at), row.unit ?? '', label(labels.types, row.type), label(labels.domains, row.domain),
    row.title, row.body, row.region, row.display_name, row.is_public === 1 ? yesNo[0] : yesNo[1],
    row.is_public === 1 ? label(labels.moderation, row.moderation) : '', label(labels.statuses, row.status),
    row.moderation === 'rejected' ? '' : localDay(new Date(row.due_at)), String(row.reply_count),
    row.reply_kind ? label(labels.replyKinds, row.reply_kind) : '', row.reply_unit ?? '', row.reply_at ? siteDateTime(row.reply_at) : '',
    row.reply_body ?? '', path,
    // A drive's suggestions: which drive, the partner outlet it came from, and its adoption (采纳).
    row.campaign ?? '', row.source_outlet ?? '', row.adopted_at ? siteDateTime(row.adopted_at) : '', row.adoption_note ?? '',
  ];
}

async function contactFields(cipher: Cipher, row: SealedContact & { author_erased_at: string | null }) {
  const { name, phone, email } = await openContact(cipher, row);
  return [name, phone, email ?? '', row.author_erased_at ? siteDateTime(row.author_erased_at) : ''];
}

const exportMessages = createRoute({
  operationId: 'exportMessages',
  method: 'get',
  path: '/v1/console/export.csv',
  summary: 'The site’s messages as CSV (admins); with contact=1 also the citizens’ contact details, audited',
  request: { query: ExportQuerySchema },
  responses: {
    200: {
      description: 'UTF-8 CSV with a byte order mark (for Excel), one message a line, oldest first; labels in the reader’s language '
        + '(lang, else Accept-Language), site-local times, the latest reply, the transfer path, and a drive’s suggestion’s drive, outlet and adoption',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...officialErrorResponses,
  },
});

consoleExport.openapi(exportMessages, async (c) => {
  const official = c.get('official');
  assertRole(official, 'admin');
  const { from, to, contact, lang } = c.req.valid('query');
  if (from && to && from > to) throw validationError([{ field: 'to', code: 'before_start' }]);
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

  const locale = lang ?? localeFromAcceptLanguage(c.req.header('Accept-Language'));
  const labels = labelCatalogs[locale];
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
      const lastSeq = rows.at(-1)?.seq;
      const paths = lastSeq === undefined ? new Map<string, string>() : transferPaths(await db.all(transfersOf(db, site.id, afterSeq, lastSeq)));
      let chunk = '';
      for (const row of rows) {
        const fields = rowFields(row, labels, YES_NO[locale], paths.get(row.id) ?? '');
        chunk += csvLine([...fields, ...(cipher ? await contactFields(cipher, row) : [])]);
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
