// The drive comes from the address (?campaign=slug), this year's by default. Every text from the
// service is set as text (textContent), never as markup.
const slug = new URLSearchParams(location.search).get('campaign') || 'jianyan-2026';
for (const element of document.querySelectorAll('liuyan-form, liuyan-list')) element.setAttribute('campaign', slug);
const api = `/v1/sites/demo/campaigns/${encodeURIComponent(slug)}`;
const text = (id, value) => { document.getElementById(id).textContent = value; };
let endsAt = null;
let startsAt = null;
/**
 * How far the service's clock is ahead of this device's, ms, from its answer's Date header: a phone's
 * clock may be minutes or days wrong, and the form below goes by the service's (it takes messages
 * until the service says the drive has ended), so the countdown does too.
 */
let skew = 0;

function countdown() {
  if (!endsAt) return;
  const now = Date.now() + skew;
  // The drive's days are China's (the service's calendar), wherever the reader is; written as the form writes them (2026/12/07).
  if (now < startsAt) {
    const day = new Date(startsAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    return text('countdown', `征集将于 ${day} 开始`);
  }
  const left = endsAt - now;
  if (left <= 0) return text('countdown', '征集已结束，感谢参与');
  // Whole minutes left, rounded up: 0 分 only once it has ended.
  const minutesLeft = Math.ceil(left / 60_000);
  const days = Math.floor(minutesLeft / 1440);
  const hours = Math.floor((minutesLeft % 1440) / 60);
  text('countdown', `距征集结束还有 ${days} 天 ${hours} 小时 ${minutesLeft % 60} 分`);
}

/** `fresh`: past the half minute the browser may keep the figures (after the reader's own message). */
async function refresh(fresh = false) {
  try {
    const response = await fetch(api, fresh ? { cache: 'no-cache' } : {});
    if (!response.ok) return text('countdown', '没有找到这个专栏');
    const drive = await response.json();
    // One kept by the browser (half a minute at most) carries its old Date: close enough for minutes.
    // (The service lets other origins' pages read it: Access-Control-Expose-Headers.)
    const served = Date.parse(response.headers.get('Date') ?? '');
    if (Number.isFinite(served)) skew = served - Date.now();
    document.title = `${drive.title} — 示范日报`;
    text('drive-title', drive.title);
    text('drive-description', drive.description);
    startsAt = Date.parse(drive.startsAt);
    endsAt = Date.parse(drive.endsAt);
    for (const [key, value] of Object.entries(drive.counts)) {
      const cell = document.querySelector(`[data-figure="${key}"]`);
      if (cell) cell.textContent = String(value);
    }
    text('outlets', drive.outlets.length > 0 ? `来源：${drive.outlets.map((o) => `${o.name} ${o.messages} 条`).join('，')}` : '');
    countdown();
  } catch {
    // A slow or broken connection: the figures stay as they were, the next refresh tries again.
  }
}

refresh();
setInterval(countdown, 30_000);
setInterval(refresh, 60_000);
document.addEventListener('liuyan-submitted', () => refresh(true));
// The form was refused for its drive (ended, or not begun, since the page was opened): the countdown
// and the figures say the same at once.
document.addEventListener('liuyan-error', (event) => {
  if (event.detail.fields.includes('campaign')) refresh(true);
});
