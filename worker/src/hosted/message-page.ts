// One public message as a page of its own (/s/:site/messages/:id), rendered by the service: readable
// before any script runs, by search engines, and in a WeChat share card. It says what <liuyan-message>
// says, in the same words (its strings), from the same public read model.
import { html, raw } from 'hono/html';
import { fieldHeading, type Locale } from '../../../sdk/src/error-messages';
import type { PublicMessageDetail } from '../../../sdk/src/schemas/message';
import type { PublicPhoto } from '../../../sdk/src/schemas/photo';
import { eventLabel, eventUnit, replyKindsOfEvents } from '../../../sdk/src/vocabulary';
import { format, formatDateTime, waitText } from '../../../ui/localize';
import { eventDetails } from '../../../widget/src/liuyan-message/event-details';
import { messageEn } from '../../../widget/src/liuyan-message/strings.en';
import { messageZhCN, type MessageStrings } from '../../../widget/src/liuyan-message/strings.zh-cn';
import { messageZhTW } from '../../../widget/src/liuyan-message/strings.zh-tw';
import type { Site } from '../db/sites';
import { shareImageHead, written } from './page';
import type { HostedStrings } from './strings.zh-cn';

/** A share card shows about two lines: the start of the message, whole characters. */
const DESCRIPTION_MAX = 120;

/** The start of `text` on one line, at most `max` characters (code points), with … when cut. */
export function summary(text: string, max = DESCRIPTION_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line]; // code points, as textLength counts (sdk/src/text.ts)
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Share metadata (Open Graph, read by WeChat and others) and the description search engines show.
 * `url` is the page's canonical address; `origin` this service's (for Liuyan's share image).
 */
export function messageHead(m: PublicMessageDetail, site: Pick<Site, 'name' | 'shareImageUrl'>, url: string, origin: string) {
  const description = summary(m.body);
  return html`<meta name="description" content="${description}">
<meta property="og:type" content="article">
<meta property="og:title" content="${m.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${site.name}">
<meta property="article:published_time" content="${m.createdAt}">
${shareImageHead(site, origin)}`;
}

/** <liuyan-message>'s words in each language, so the page reads as the element does. */
const MESSAGE_STRINGS: Record<Locale, MessageStrings> = { 'zh-CN': messageZhCN, 'zh-TW': messageZhTW, en: messageEn };

/** A status's name in `locale`, as <liuyan-message> and the message page say it. */
export const statusName = (locale: Locale, status: keyof MessageStrings['statuses']): string => MESSAGE_STRINGS[locale].statuses[status];

/**
 * Photos, each its small version as a link to the whole photo (same origin: the addresses are paths);
 * `alt` names the n-th. Only what the public view lists: public, not hidden.
 */
function photoList(photos: PublicPhoto[], alt: string) {
  if (photos.length === 0) return '';
  return html`<ul class="photos">${photos.map((p, i) => html`<li><a href="${p.url}"><img src="${p.thumbnailUrl}" width="${p.width}" height="${p.height}" loading="lazy" decoding="async" alt="${format(alt, { n: i + 1 })}"></a></li>`)}</ul>`;
}

/**
 * 我也关注 on the message's page, without a script: a form posting to `action`, or once pressed
 * (`pressed`: the page answering the press) the count with 已关注 instead. `failure`: why the last
 * press was not counted (too many presses), said under the button, where the page puts the focus.
 */
export interface SupportForm {
  action: string;
  pressed: boolean;
  failure?: string;
}

/** Why a press was not counted when the limit is reached, as the board's 我也关注 says it: 操作太频繁，请1分钟后再试。 */
export const supportLimitText = (locale: Locale, seconds: number) => {
  const t = MESSAGE_STRINGS[locale];
  return format(t.tooManyRequests, { wait: waitText(t, seconds) });
};

function supportForm(count: number, t: MessageStrings, support: SupportForm) {
  if (support.pressed) return html`<p class="supports"><span class="support pressed">${t.supported} <span class="count">${count}</span></span></p>`;
  return html`<form class="supports" method="post" action="${support.action}"><button type="submit" class="support">${t.support} <span class="count">${count}</span></button>${
    support.failure ? html`<span class="liuyan-error" role="alert" tabindex="-1" autofocus>${support.failure}</span>` : ''}</form>`;
}

/** The message, its unit and status, its public photos, 我也关注, every public reply signed by its unit (with its photos), the public timeline, the rating. */
export function messageMain(m: PublicMessageDetail, locale: Locale, h: HostedStrings, boardHref: string, support: SupportForm) {
  const t = MESSAGE_STRINGS[locale];
  const when = (iso: string, withTime = true) => html`<time datetime="${iso}">${formatDateTime(locale, iso, withTime)}</time>`;
  const replyKinds = replyKindsOfEvents(m.timeline, m.replies);
  const details = eventDetails(m, t);
  const rating = m.rating;
  const w = (text: string) => written(text, locale);
  return html`<p><a class="back" href="${boardHref}">‹ ${h.toBoard}</a></p>
<article class="message">
<h2>${w(m.title)}</h2>
<p class="badges"><span class="badge status ${m.status}">${t.statuses[m.status]}</span>${m.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : ''}${m.adoption ? html`<span class="badge adopted">${t.flags.adopted}</span>` : ''}<span class="badge">${t.types[m.type]}</span><span class="badge">${t.domains[m.domain]}</span></p>
<dl class="facts">
<dt>${t.to}</dt><dd>${w(m.unit.name)}</dd>
${m.campaignTitle !== null ? html`<dt>${t.campaign}</dt><dd>${w(m.campaignTitle)}</dd>` : ''}
<dt>${t.author}</dt><dd>${w(m.displayName)}</dd>
<dt>${fieldHeading(t.errors, 'region')}</dt><dd>${w(m.region)}</dd>
<dt>${t.submittedAt}</dt><dd>${when(m.createdAt)}</dd>
<dt>${t.status}</dt><dd>${t.statuses[m.status]}</dd>
</dl>
<div class="body">${w(m.body)}</div>
${photoList(m.photos, t.photoAlt)}
${supportForm(m.supportCount, t, support)}
${m.adoption ? html`<section class="adoption"><h3>${t.flags.adopted} · ${when(m.adoption.at, false)}</h3><p>${w(m.adoption.note)}</p></section>` : ''}
${m.tab === 'answered' ? '' : html`<p class="muted">${format(t.dueAt, { date: formatDateTime(locale, m.dueAt, false) })}</p>`}
<h3>${t.replies}</h3>
${m.replies.length === 0 ? html`<p class="muted">${t.noReplyYet}</p>` : m.replies.map((r) => html`<section class="reply ${r.kind}">
<header>${w(r.unit.name)} · ${t.replyKinds[r.kind]} · ${when(r.createdAt)}</header>
<div class="body">${w(r.body)}</div>
${photoList(r.photos, t.replyPhotoAlt)}
</section>`)}
<h3>${t.timeline}</h3>
<ol class="timeline">${m.timeline.map((e, i) => html`<li>${when(e.at)} ${eventLabel(t, e.kind, replyKinds[i])}${eventUnit(e) ? html` · ${w(eventUnit(e)!.name)}` : ''}${e.note ? format(t.note, { note: e.note }) : ''}${details[i] ?? ''}</li>`)}</ol>
${rating ? html`<h3>${t.rating}</h3>
<dl class="facts">
<dt>${t.satisfaction}</dt><dd>${format(t.levelWithPoints, { level: t.levels[rating.overall as 1 | 2 | 3 | 4 | 5], score: rating.overall })}</dd>
<dt>${t.resolution}</dt><dd>${format(t.points, { score: rating.resolution })}</dd>
<dt>${t.attitude}</dt><dd>${format(t.points, { score: rating.attitude })}</dd>
<dt>${t.speed}</dt><dd>${format(t.points, { score: rating.speed })}</dd>
</dl>` : ''}
</article>${raw('\n')}`;
}
