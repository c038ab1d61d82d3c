// The Webhooks section of the reference pages (/docs, /docs/en): what an endpoint receives, how to
// check the signature (with the SDK, or with plain HMAC in any language) and when a failed delivery is
// tried again. Made from the same constants the service delivers with, so the page cannot drift.
import { WEBHOOK_EVENT_TYPES } from '../../../sdk/src/codes';
import { WEBHOOK_SIGNATURE_HEADER } from '../../../sdk/src/webhooks';
import { WebhookEventSchema, type WebhookEventType } from '../../../sdk/src/schemas/webhook';
import { RECEIVER_TIMEOUT_MS, RETRY_DELAYS_SECONDS } from '../webhooks/deliver';
import { escapeHtml } from './render';

type Locale = 'zh-CN' | 'en';

const EVENTS: Record<WebhookEventType, Record<Locale, string>> = {
  'message.submitted': { 'zh-CN': '市民提交了留言（提交）', en: 'a citizen submitted a message (提交)' },
  'message.published': { 'zh-CN': '留言在留言板公开（公开）', en: 'it was published on the board (公开)' },
  'message.replied': { 'zh-CN': '单位作出答复，data.reply.kind 为 interim（阶段性答复）或 final（正式答复）', en: 'a unit replied; data.reply.kind is interim (阶段性答复) or final' },
  'message.rated': { 'zh-CN': '市民评价了答复（评价）', en: 'the citizen rated the reply (评价)' },
  'message.reopened': { 'zh-CN': '不满意评价或追问后重新办理（重办）', en: 'handling began again after an unsatisfied rating or a follow-up (重办)' },
  'message.overdue': { 'zh-CN': '超过办理期限仍未答复（超期，每小时检查）', en: 'the deadline passed unanswered (超期; the hourly check)' },
  'message.escalated': { 'zh-CN': '超期留言列入督办，data.unit 为上级单位（督办）', en: 'the overdue message was escalated; data.unit is the unit above (督办)' },
};

/** "1 min", "2 h" … in the page's language. */
function duration(seconds: number, locale: Locale): string {
  const [n, unit] = seconds >= 3600 ? [seconds / 3600, locale === 'en' ? 'h' : '小时'] : [seconds / 60, locale === 'en' ? 'min' : '分钟'];
  return locale === 'en' ? `${n} ${unit}` : `${n}${unit}`;
}

const SDK_EXAMPLE = `import { verifyWebhook, WebhookVerificationError } from '@liuyan/sdk';

export default {
  async fetch(request, env) {
    const body = await request.text(); // the exact bytes, never a re-serialised object
    try {
      const event = await verifyWebhook({
        payload: body,
        header: request.headers.get('${WEBHOOK_SIGNATURE_HEADER}'),
        secrets: [env.LIUYAN_WEBHOOK_SECRET], // during a rotation: [newSecret, oldSecret]
      });
      // event.id is stable: ignore one already handled.
      return new Response('ok');
    } catch (error) {
      if (error instanceof WebhookVerificationError) return new Response(error.reason, { status: 400 });
      throw error;
    }
  },
};`;

const HMAC_EXAMPLE = `# Python 3, standard library only
import hashlib, hmac, time

def verify(body: bytes, header: str, secret: str, tolerance: int = 300) -> bool:
    parts = [p.split("=", 1) for p in header.split(",")]
    t = next((v for k, v in parts if k == "t"), None)
    signatures = [v for k, v in parts if k == "v1"]
    if t is None or not signatures or abs(time.time() - int(t)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, s) for s in signatures)`;

const WORDS = {
  'zh-CN': {
    title: 'Webhook 事件推送',
    intro: '站点管理员在管理后台（站点管理 → Webhooks）或 POST /v1/admin/webhooks 添加 https 接收地址并选择事件；每个事件以签名的 JSON POST 送达。推送从不包含留言内容、答复内容、评价理由和任何联系方式：公开留言的文字请按 id 从公开接口读取。',
    events: '事件',
    event: '事件类型',
    when: '何时发送',
    payload: '请求体',
    payloadNote: 'occurredAt 为事件发生的时间（createdAt 与之相同，为早先的接收方保留）。data.message 是引发该事件的那次操作完成时的留言快照（例如 message.submitted 中审核状态仍为 pending，即使审核员一秒后就已发布）：随事件一同保存，每次重试和重新发送都相同，无论队列多晚处理；留言的最新状态请从接口读取。data.unit 为事件涉及的单位：答复的单位、督办的上级单位，其他事件为办理留言的单位。请求头 Liuyan-Event-Id 和 Liuyan-Event-Type 与请求体的 id、type 相同。',
    signature: '签名',
    signatureNote: `请求头 ${WEBHOOK_SIGNATURE_HEADER}: t=<Unix 秒>,v1=<十六进制>，其中十六进制为 HMAC-SHA256(密钥, t + "." + 请求体原始字节)，与 Stripe 的做法相同。更换密钥后 24 小时内新旧两个密钥都签名，请求头带两个 v1=，任一匹配即可。请拒绝 t 与当前时间相差超过 5 分钟的请求，以防重放。`,
    withSdk: '用 SDK 验证（浏览器、Node 22+、Workers、Deno）',
    withHmac: '不用 SDK：任何语言的 HMAC-SHA256',
    retries: '重试',
    retriesNote: (timeout: number, schedule: string, total: string) => `接收方须在 ${timeout} 秒内返回 2xx；否则分别在 ${schedule} 后重试，共 ${RETRY_DELAYS_SECONDS.length + 1} 次、历时 ${total}，之后该次推送标记为失败，管理员可在管理后台查看每次尝试并重新发送。不跟随重定向。队列至少送达一次：同一事件可能收到两次，id 相同。`,
    hours: (h: string) => `${h} 小时`,
  },
  en: {
    title: 'Webhooks',
    intro: 'A site’s admins add an https endpoint and choose its events in the console (站点管理 → Webhooks) or with POST /v1/admin/webhooks; each event arrives as a signed JSON POST. No delivery ever holds a message’s words, a reply, a rating’s reason or any contact detail: read a public message’s words from the public API by its id.',
    events: 'Events',
    event: 'Type',
    when: 'Sent when',
    payload: 'Body',
    payloadNote: 'occurredAt is when the event happened (createdAt is the same, kept for older receivers). data.message is the message as the request that caused the event left it (message.submitted still says moderation pending though a moderator published it a second later): kept with the event when it is written, the same in every retry and re-send however late the queue handles it; read the message as it is now from the API. data.unit is the unit the event concerns: who replied, for 督办 the unit above, otherwise the unit handling the message. The headers Liuyan-Event-Id and Liuyan-Event-Type repeat the body’s id and type.',
    signature: 'Signature',
    signatureNote: `The header ${WEBHOOK_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>, where the hex is HMAC-SHA256(secret, t + "." + the body’s exact bytes), as Stripe signs. For 24 hours after a rotation both secrets sign and the header carries two v1=: accept either. Refuse a t more than 5 minutes from now, so an old request cannot be replayed.`,
    withSdk: 'With the SDK (browsers, Node 22+, Workers, Deno)',
    withHmac: 'Without it: plain HMAC-SHA256, in any language',
    retries: 'Retries',
    retriesNote: (timeout: number, schedule: string, total: string) => `The receiver has ${timeout} seconds to answer 2xx; otherwise the delivery is tried again after ${schedule} — ${RETRY_DELAYS_SECONDS.length + 1} attempts over ${total} — and then marked dead: admins see every attempt in the console and can send it again. Redirects are not followed. The queue delivers at least once: an event may arrive twice, with the same id.`,
    hours: (h: string) => `${h} hours`,
  },
};

/** The section, with its heading's anchor `webhooks` (listed in the page's contents). */
export function webhooksSection(locale: Locale): string {
  const w = WORDS[locale];
  const example = JSON.stringify((WebhookEventSchema.meta() as { examples: unknown[] }).examples[0], null, 2);
  const schedule = RETRY_DELAYS_SECONDS.map((s) => duration(s, locale)).join(locale === 'en' ? ', ' : '、');
  const total = w.hours((RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) / 3600).toFixed(1));
  return `<section class="tag" id="webhooks">
<h2>${escapeHtml(w.title)}</h2>
<p>${escapeHtml(w.intro)}</p>
<h3>${escapeHtml(w.events)}</h3>
<table><thead><tr><th>${escapeHtml(w.event)}</th><th>${escapeHtml(w.when)}</th></tr></thead>
<tbody>${WEBHOOK_EVENT_TYPES.map((type) => `<tr><td><code>${type}</code></td><td>${escapeHtml(EVENTS[type][locale])}</td></tr>`).join('')}</tbody></table>
<h3>${escapeHtml(w.payload)}</h3>
<pre><code>${escapeHtml(example)}</code></pre>
<p>${escapeHtml(w.payloadNote)}</p>
<h3>${escapeHtml(w.signature)}</h3>
<p>${escapeHtml(w.signatureNote)}</p>
<h4>${escapeHtml(w.withSdk)}</h4>
<pre><code>${escapeHtml(SDK_EXAMPLE)}</code></pre>
<h4>${escapeHtml(w.withHmac)}</h4>
<pre><code>${escapeHtml(HMAC_EXAMPLE)}</code></pre>
<h3>${escapeHtml(w.retries)}</h3>
<p>${escapeHtml(w.retriesNote(RECEIVER_TIMEOUT_MS / 1000, schedule, total))}</p>
</section>`;
}

/** Its line in the page's contents. */
export function webhooksContentsEntry(locale: Locale): string {
  return `<li><a href="#webhooks">${escapeHtml(WORDS[locale].title)}</a></li>`;
}
