// The tracker without a script (/s/:site/track): a form that posts the tracking code (never in an
// address), and the citizen's own view of the message, rendered by the service in the words of
// <liuyan-track> (its strings), from the same read model as the API's (`trackedMessageView`). What
// needs the element — rating, follow-ups, my data, the author's own photos — is said to need a script.
import { html } from 'hono/html';
import { fieldHeading, type Locale } from '../../../sdk/src/error-messages';
import type { TrackedMessage } from '../../../sdk/src/schemas/message';
import { eventLabel, eventUnit, rejectReasonLabel, replyKindsOfEvents } from '../../../sdk/src/vocabulary';
import { format, formatDateTime } from '../../../ui/localize';
import { trackEn } from '../../../widget/src/liuyan-track/strings.en';
import { trackZhCN, type TrackStrings } from '../../../widget/src/liuyan-track/strings.zh-cn';
import { trackZhTW } from '../../../widget/src/liuyan-track/strings.zh-tw';
import { written } from './page';
import type { HostedStrings } from './strings.zh-cn';

const TRACK_STRINGS: Record<Locale, TrackStrings> = { 'zh-CN': trackZhCN, 'zh-TW': trackZhTW, en: trackEn };

/** The field the form posts the code in, as the API's body names it. */
export const TRACKING_CODE_FIELD = 'trackingCode';

/**
 * The form asking for a tracking code, posting to `action` (the track page's own address): `code` as
 * typed when it is shown again, `error` said under it (the code not found, the limit reached).
 */
export function trackForm(locale: Locale, action: string, { code = '', error }: { code?: string; error?: string } = {}) {
  const t = TRACK_STRINGS[locale];
  const label = fieldHeading(t.errors, 'trackingCode');
  return html`<form class="plain-form" method="post" action="${action}">
<p class="liuyan-field"><label for="liuyan-trackingCode">${label}</label>
<input id="liuyan-trackingCode" name="${TRACKING_CODE_FIELD}" type="text" value="${code}" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="${t.trackingCodePlaceholder}" required${error ? html` aria-invalid="true" aria-describedby="liuyan-trackingCode-error" autofocus` : ''}>
${error ? html`<span class="liuyan-error" id="liuyan-trackingCode-error" role="alert">${error}</span>` : ''}</p>
<p><button type="submit">${t.trackSubmit}</button></p>
</form>`;
}

/** The tracking form's sentence for a code that opens no message, in `locale` (the element's). */
export const trackNotFound = (locale: Locale) => TRACK_STRINGS[locale].trackNotFound;

/**
 * The citizen's own message, as <liuyan-track> shows it: its state (or why it did not pass review),
 * unit, dates, text, every reply and the timeline; then what needs the element's script, and the form
 * to look up another code.
 */
export function trackedMain(m: TrackedMessage, locale: Locale, h: HostedStrings, action: string) {
  const t = TRACK_STRINGS[locale];
  const when = (iso: string, withTime = true) => html`<time datetime="${iso}">${formatDateTime(locale, iso, withTime)}</time>`;
  const replyKinds = replyKindsOfEvents(m.timeline, m.replies);
  const rejection = m.moderation === 'rejected' ? m.rejection : null;
  const w = (text: string) => written(text, locale);
  return html`<article class="message">
<h2>${w(m.title)}</h2>
<p class="badges">${rejection ? '' : html`<span class="badge status ${m.status}">${t.statuses[m.status]}</span>`}<span class="badge">${t.types[m.type]}</span><span class="badge">${t.domains[m.domain]}</span><span class="badge">${m.isPublic || rejection ? t.moderation[m.moderation] : t.private}</span></p>
<dl class="facts">
<dt>${t.to}</dt><dd>${w(m.unit.name)}</dd>
${rejection
    ? html`<dt>${t.status}</dt><dd>${t.moderation.rejected}</dd>
<dt>${t.rejectionReason}</dt><dd>${rejection.note ? format(t.reasonWithNote, { reason: rejectReasonLabel(t, rejection.reason), note: rejection.note }) : rejectReasonLabel(t, rejection.reason)}</dd>`
    : html`<dt>${t.status}</dt><dd>${t.statuses[m.status]}${m.overdue ? html` <span class="badge overdue">${t.overdue}</span>` : ''}</dd>`}
<dt>${t.submittedAt}</dt><dd>${when(m.createdAt)}</dd>
<dt>${fieldHeading(t.errors, 'region')}</dt><dd>${w(m.region)}</dd>
</dl>
${m.dueAt ? html`<p class="muted">${format(t.dueAt, { date: formatDateTime(locale, m.dueAt, false) })}</p>` : ''}
<div class="body">${w(m.body)}</div>
<h3>${t.replies}</h3>
${m.replies.length === 0 ? html`<p class="muted">${t.noReplyYet}</p>` : m.replies.map((r) => html`<section class="reply ${r.kind}">
<header>${w(r.unit.name)} · ${t.replyKinds[r.kind]} · ${when(r.createdAt)}</header>
<div class="body">${w(r.body)}</div>
</section>`)}
<h3>${t.timeline}</h3>
<ol class="timeline">${m.timeline.map((e, i) => html`<li>${when(e.at)} ${eventLabel(t, e.kind, replyKinds[i])}${eventUnit(e) ? html` · ${w(eventUnit(e)!.name)}` : ''}${e.note ? format(t.note, { note: e.note }) : ''}</li>`)}</ol>
<p class="muted">${h.trackNeedsScript}</p>
</article>
${trackForm(locale, action)}`;
}
