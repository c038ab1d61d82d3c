// What Open311 GeoReport v2 reads: published public messages only (the rows the public board starts
// from), never a contact field, shaped as the spec's service requests.
import { zhCNKindLabels, zhCNProgressLabels } from '../../../sdk/src/locales/labels.zh-cn';
import type { Domain, MessageType } from '../../../sdk/src/schemas/common';
import type { PublicMessageDetail } from '../../../sdk/src/schemas/message';
import { eventLabel, replyKindsOfEvents } from '../../../sdk/src/vocabulary';
import type { Open311Value } from '../lib/open311-format';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';

/** A service: what Open311 calls one kind of request — here one type of message in one domain. */
export const serviceCode = (type: string, domain: string) => `${type}.${domain}`;

/** Its Chinese name: 交通投诉, 教育建言 … */
export const serviceName = (type: string, domain: string) =>
  `${zhCNKindLabels.domains[domain as Domain] ?? domain}${zhCNKindLabels.types[type as MessageType] ?? type}`;

/** The site's type and domain of a service code, or null when it is not one of the site's services. */
export function parseServiceCode(code: string, site: { types: readonly string[]; domains: readonly string[] }): { type: MessageType; domain: string } | null {
  const [type = '', domain = '', ...rest] = code.split('.');
  if (rest.length > 0 || !site.types.includes(type) || !site.domains.includes(domain)) return null;
  return { type: type as MessageType, domain };
}

export interface RequestFilter {
  ids?: string[];
  /** Any of these services (type and domain), when given. */
  services?: { type: MessageType; domain: string }[];
  /** UTC ISO bounds of the submission time: from included, to excluded. */
  from?: string;
  to?: string;
  updatedAfter?: string;
  /** Only open or only closed ones; both, or none given, is every request. */
  status?: 'open' | 'closed';
  page: number;
  pageSize: number;
}

/**
 * One page of the site's published public messages, newest first, as Open311 service requests;
 * `extensions` adds `extended_attributes`. The board's indexes serve it (site, moderation,
 * is_public, then tab, type or domain, and seq); ids are looked up by primary key.
 */
export async function open311Requests(db: SiteDatabase, siteId: string, filter: RequestFilter, extensions: boolean): Promise<Record<string, Open311Value>[]> {
  let q = db.q.selectFrom('messages as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('units as ru', 'ru.id', 'm.latest_reply_unit_id')
    .select([
      'm.id', 'm.type', 'm.domain', 'm.title', 'm.body', 'm.region', 'm.display_name', 'm.public_tab', 'm.created_at', 'm.updated_at',
      'm.due_at', 'm.rating_overall', 'm.adopted_at', 'm.adoption_note', 'u.name as unit_name', 'ru.name as reply_unit_name',
    ])
    .select((eb) => eb.selectFrom('replies as r').select('r.body').whereRef('r.id', '=', 'm.latest_reply_id').as('latest_reply'))
    .where('m.site_id', '=', siteId)
    .where('m.moderation', '=', 'published')
    .where('m.is_public', '=', 1);
  if (filter.ids) q = q.where('m.id', 'in', filter.ids);
  const services = filter.services;
  if (services?.length) {
    q = q.where((eb) => eb.or(services.map((s) => eb.and([eb('m.type', '=', s.type), eb('m.domain', '=', s.domain)]))));
  }
  if (filter.from) q = q.where('m.created_at', '>=', filter.from);
  if (filter.to) q = q.where('m.created_at', '<', filter.to);
  if (filter.updatedAfter) q = q.where('m.updated_at', '>', filter.updatedAfter);
  if (filter.status === 'closed') q = q.where('m.public_tab', '=', 'answered');
  if (filter.status === 'open') q = q.where('m.public_tab', 'in', ['awaiting', 'in_progress']);
  const rows = await db.all(q.orderBy('m.seq', 'desc').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize));
  return rows.map((m) => ({
    service_request_id: m.id,
    // 已办理 on the board (a final reply, or 已办结) is what the spec calls closed.
    status: m.public_tab === 'answered' ? 'closed' : 'open',
    status_notes: m.latest_reply,
    service_name: serviceName(m.type, m.domain),
    service_code: serviceCode(m.type, m.domain),
    description: m.body,
    agency_responsible: m.reply_unit_name ?? m.unit_name,
    service_notice: null,
    requested_datetime: toSiteTime(m.created_at),
    updated_datetime: toSiteTime(m.updated_at),
    expected_datetime: toSiteTime(m.due_at),
    address: m.region,
    ...(extensions ? {
      extended_attributes: {
        type: m.type, domain: m.domain, title: m.title, display_name: m.display_name, rating: m.rating_overall,
        adopted: m.adopted_at !== null, adoption_note: m.adopted_at ? m.adoption_note ?? '' : null,
      },
    } : {}),
  }));
}

/**
 * A public message's timeline as Open311 notes, oldest first: each event's Chinese name, and for a
 * reply its text (the n-th 回复 event is the n-th reply), for the others their public note.
 */
export function open311Notes(message: PublicMessageDetail): Open311Value[] {
  const kinds = replyKindsOfEvents(message.timeline, message.replies);
  let reply = 0;
  return message.timeline.map((e, i) => ({
    datetime: e.at,
    type: e.kind,
    summary: eventLabel(zhCNProgressLabels, e.kind, kinds[i]),
    description: e.kind === 'replied' ? (message.replies[reply++]?.body ?? null) : e.note,
  }));
}

/** A token's message id, when the message is public now; `undefined` for a token this site never gave. */
export async function messageOfToken(db: SiteDatabase, siteId: string, token: string): Promise<string | null | undefined> {
  const row = await db.first(db.q.selectFrom('open311_tokens as t')
    .innerJoin('messages as m', 'm.id', 't.message_id')
    .select(['m.id', 'm.moderation', 'm.is_public'])
    .where('t.token', '=', token)
    .where('t.site_id', '=', siteId));
  if (!row) return undefined;
  return row.moderation === 'published' && row.is_public === 1 ? row.id : null;
}
