// The Webhooks section of the reference pages, as a reader gets them from the worker.
import { describe, expect, it } from 'vitest';
import { request } from '../../test/fixtures';

async function page(path: string): Promise<string> {
  const response = await request(path, { origin: null });
  expect(response.status).toBe(200);
  return response.text();
}

/** The section's text, tags stripped. */
function section(html: string): string {
  const start = html.indexOf('<section class="tag" id="webhooks">');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start)).replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

describe('/docs: webhooks', () => {
  it('lists the events, shows the body, the signature header, verification with the SDK and with plain HMAC, and the retries, in Chinese', async () => {
    const html = await page('/docs');
    expect(html).toContain('<a href="#webhooks">Webhook 事件推送</a>');
    const text = section(html);
    for (const type of ['message.submitted', 'message.published', 'message.replied', 'message.rated', 'message.reopened', 'message.overdue', 'message.escalated']) {
      expect(text).toContain(type);
    }
    expect(text).toContain('interim（阶段性答复）或 final（正式答复）');
    expect(text).toContain('"occurredAt": "2026-12-02T10:15:00+08:00"');
    expect(text).toContain('"reply": {');
    expect(text).toContain('data.message 是引发该事件的那次操作完成时的留言快照');
    expect(text).toContain('Liuyan-Signature: t=<Unix 秒>,v1=<十六进制>');
    expect(text).toContain('verifyWebhook');
    expect(text).toContain('hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256)');
    expect(text).toContain('1分钟、5分钟、30分钟、1小时、2小时、4小时、8小时、12小时、12小时 后重试，共 10 次、历时 39.6 小时');
  });

  it('says the same in English', async () => {
    const text = section(await page('/docs/en'));
    expect(text).toContain('data.message is the message as the request that caused the event left it');
    expect(text).toContain('after 1 min, 5 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h, 12 h — 10 attempts over 39.6 hours');
    expect(text).toContain('HMAC-SHA256(secret, t + "." + the body’s exact bytes)');
  });
});
