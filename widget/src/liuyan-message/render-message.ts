// What a public message looks like, shared by <liuyan-message> and <liuyan-list> (its cards and
// its detail view), so the two never drift apart. Everything the citizen wrote is bound as text.
import { formatWritten, written } from '../../../ui/content-lang';
import { html, nothing } from 'lit';
import { renderPhotos } from '../../../ui/photos';
import { fieldHeading, type Locale } from '../../../sdk/src/error-messages';
import type { PublicMessage, PublicMessageDetail } from '../../../sdk/src/schemas/message';
import { eventLabel, eventUnit, replyKindsOfEvents, type ReplyKind } from '../../../sdk/src/vocabulary';
import { format, formatDateTime } from '../../../ui/localize';
import { eventDetails } from './event-details';
import type { MessageStrings } from './strings.zh-cn';

type Badged = Pick<PublicMessage, 'type' | 'domain' | 'status' | 'overdue'> & { adoption?: PublicMessage['adoption'] };

/** The status in its colour (the same tag as in the console), 已超期 when the deadline has passed unanswered, 已采纳, type, domain. */
export function renderBadges(m: Badged, t: MessageStrings) {
  return html`<span class="badge status ${m.status}" part="status">${t.statuses[m.status]}</span>
    ${m.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : nothing}
    ${m.adoption ? html`<span class="badge adopted" part="adopted">${t.flags.adopted}</span>` : nothing}
    <span class="badge">${t.types[m.type]}</span>
    <span class="badge">${t.domains[m.domain]}</span>`;
}

/** 阶段性回复 or 正式回复. */
export const replyKind = (kind: ReplyKind, t: MessageStrings) => t.replyKinds[kind];

function stars(score: number) {
  return html`<span class="stars" aria-hidden="true">${[1, 2, 3, 4, 5].map((n) => html`<span class=${n <= score ? 'on' : 'off'}>★</span>`)}</span>`;
}

/** A card's line: the citizen's latest overall rating as words and points, the stars only for the eye. */
export function renderCardRating(rating: PublicMessage['rating'] | undefined, t: MessageStrings) {
  if (!rating) return nothing;
  const level = format(t.levelWithPoints, { level: t.levels[rating.overall as 1 | 2 | 3 | 4 | 5], score: rating.overall });
  return html`<p class="card-rating" part="card-rating">${format(t.cardRating, { rating: level })}${stars(rating.overall)}</p>`;
}

function renderRating(rating: NonNullable<PublicMessageDetail['rating']>, t: MessageStrings) {
  const level = t.levels[rating.overall as 1 | 2 | 3 | 4 | 5];
  const score = (label: string, value: number) => html`<dt>${label}</dt>
    <dd>${format(t.points, { score: value })}${stars(value)}</dd>`;
  return html`<section part="rating" aria-labelledby="rating-title">
    <h4 id="rating-title">${t.rating}</h4>
    <dl>
      <dt>${t.satisfaction}</dt><dd><strong>${format(t.levelWithPoints, { level, score: rating.overall })}</strong>${stars(rating.overall)}</dd>
      ${score(t.resolution, rating.resolution)}
      ${score(t.attitude, rating.attitude)}
      ${score(t.speed, rating.speed)}
    </dl>
  </section>`;
}

/**
 * 我也关注 and the count; pressed once the reader has supported the message. `failure`: why the last
 * press was not counted, said under the button in the element's language (the count went back), else
 * empty.
 */
export interface SupportButton {
  pressed: boolean;
  /** Called with the button pressed, under which a failure is said. */
  onPress: (button: HTMLElement) => void;
  failure?: string;
}

export function renderSupport(count: number, button: SupportButton, t: MessageStrings) {
  return html`<button type="button" class="secondary support" part="support" aria-pressed=${button.pressed ? 'true' : 'false'}
    @click=${(event: Event) => { if (!button.pressed) button.onPress(event.currentTarget as HTMLElement); }}>${button.pressed ? t.supported : t.support} <span class="count">${count}</span></button>${
    button.failure ? html`<span class="error" part="support-failed" role="alert">${button.failure}</span>` : nothing}`;
}

/** The whole message: what was written, every reply signed by its unit, the public timeline, the rating. */
export function renderMessage(m: PublicMessageDetail, t: MessageStrings, locale: Locale, support: SupportButton, api: string) {
  const when = (iso: string, withTime = true) => html`<time datetime=${iso}>${formatDateTime(locale, iso, withTime)}</time>`;
  const w = (text: string) => written(text, locale);
  const replyKinds = replyKindsOfEvents(m.timeline, m.replies);
  const details = eventDetails(m, t);
  return html`<article class="message" part="message" aria-labelledby="message-title">
    <h3 id="message-title">${w(m.title)}</h3>
    <p class="badges">${renderBadges(m, t)}</p>
    <dl>
      <dt>${t.to}</dt><dd>${w(m.unit.name)}</dd>
      ${m.campaignTitle !== null ? html`<dt>${t.campaign}</dt><dd part="campaign">${w(m.campaignTitle)}</dd>` : nothing}
      <dt>${t.author}</dt><dd part="author">${w(m.displayName)}</dd>
      <dt>${fieldHeading(t.errors, 'region')}</dt><dd>${w(m.region)}</dd>
      <dt>${t.submittedAt}</dt><dd>${when(m.createdAt)}</dd>
      <dt>${t.status}</dt><dd>${t.statuses[m.status]}</dd>
    </dl>
    <div class="body" part="body">${w(m.body)}</div>
    ${renderPhotos(m.photos, api, t.photoAlt)}
    ${m.adoption ? html`<section class="adoption" part="adoption">
      <h4>${t.flags.adopted} · ${when(m.adoption.at, false)}</h4>
      <p>${w(m.adoption.note)}</p>
    </section>` : nothing}
    ${m.tab === 'answered' ? nothing : html`<p class="muted">${format(t.dueAt, { date: formatDateTime(locale, m.dueAt, false) })}</p>`}
    <p class="supports">${renderSupport(m.supportCount, support, t)}</p>
    <h4>${t.replies}</h4>
    ${m.replies.length === 0 ? html`<p class="muted">${t.noReplyYet}</p>` : m.replies.map((r) => html`<section class="reply ${r.kind}" part="reply reply-${r.kind}">
      <header>${w(r.unit.name)} <span class="kind">${replyKind(r.kind, t)}</span> · ${when(r.createdAt)}</header>
      <div class="body">${w(r.body)}</div>
      ${renderPhotos(r.photos, api, t.photoAlt)}
    </section>`)}
    <h4>${t.timeline}</h4>
    <ol class="timeline" part="timeline">${m.timeline.map((e, i) => html`<li>
      ${when(e.at)} ${eventLabel(t, e.kind, replyKinds[i])}${eventUnit(e) ? html` · ${w(eventUnit(e)!.name)}` : nothing}${e.note ? formatWritten(t.note, { note: e.note }, locale) : nothing}${details[i] ?? nothing}
    </li>`)}</ol>
    ${m.rating ? renderRating(m.rating, t) : nothing}
  </article>`;
}
