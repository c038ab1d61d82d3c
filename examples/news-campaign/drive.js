// The drive comes from the address (?campaign=slug), this year's by default. Every text from the
// service is set as text (textContent), never as markup.
const slug = new URLSearchParams(location.search).get('campaign') || 'jianyan-2026';
for (const element of document.querySelectorAll('liuyan-form, liuyan-list')) element.setAttribute('campaign', slug);
const api = `/v1/sites/demo/campaigns/${encodeURIComponent(slug)}`;
const text = (id, value) => { document.getElementById(id).textContent = value; };
let endsAt = null;
let startsAt = null;

function countdown() {
  if (!endsAt) return;
  const now = Date.now();
  // The drive's days are China's (the service's calendar), wherever the reader is.
  if (now < startsAt) return text('countdown', `征集将于 ${new Date(startsAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })} 开始`);
  const left = endsAt - now;
  if (left <= 0) return text('countdown', '征集已结束，感谢参与');
  const days = Math.floor(left / 86_400_000);
  const hours = Math.floor((left % 86_400_000) / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  text('countdown', `距征集结束还有 ${days} 天 ${hours} 小时 ${minutes} 分`);
}

/** `fresh`: past the half minute the browser may keep the figures (after the reader's own message). */
async function refresh(fresh = false) {
  try {
    const response = await fetch(api, fresh ? { cache: 'no-cache' } : {});
    if (!response.ok) return text('countdown', '没有找到这个专栏');
    const drive = await response.json();
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
