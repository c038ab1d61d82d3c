// `npx tsx scripts/share-image.ts` — draws worker/src/hosted/share.png, the share image of the hosted
// pages of a site that set none (og:image): 600×600 (WeChat's share card wants a square of at least
// 300×300), Liuyan's red, drawn once in Chromium with the CJK font and committed, so no image
// library runs in the worker. Re-run only to change the picture.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './local-stack';

const SIZE = 600;
const page = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
html,body{margin:0;width:${SIZE}px;height:${SIZE}px;background:#b5121b;font-family:'WenQuanYi Micro Hei',sans-serif;color:#fff}
.card{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:28px}
.bubble{position:relative;background:#fff;color:#b5121b;border-radius:48px;padding:34px 64px;font-size:150px;line-height:1;font-weight:bold;letter-spacing:8px}
.bubble::after{content:'';position:absolute;left:90px;bottom:-46px;border:24px solid transparent;border-top:24px solid #fff;border-left:24px solid #fff}
.name{font-size:46px;letter-spacing:6px;margin-top:30px}
.latin{font-size:28px;opacity:.85;letter-spacing:3px}
</style><div class="card"><div class="bubble">留言</div><div class="name">领导留言板</div><div class="latin">Liuyan · Message your leader</div></div></html>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-background-networking', '--no-first-run'] });
try {
  const tab = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await tab.setContent(page);
  const out = path.join(root, 'worker/src/hosted/share.png');
  await tab.screenshot({ path: out, type: 'png' });
  console.log(`Wrote ${path.relative(root, out)}`);
} finally {
  await browser.close();
}
