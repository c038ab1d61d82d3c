import { describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import { useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const client = createClient({ baseUrl: WORKER, site: 'demo' });
const browser = useBrowserPage();

// The figures as <liuyan-stats> writes them (ui/stats-format.ts), computed here from the API's answer.
const percent = (rate: number | null) => (rate === null ? '暂无' : `${(rate * 100).toFixed(1)}%`);

describe('<liuyan-stats> on the county website', () => {
  it('shows the same figures as the API, with the monthly chart and its table, on a 390 px phone', async () => {
    const phone = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    try {
      await page.goto(`${HOST}/#stats`);
      const stats = page.locator('liuyan-stats');
      await stats.locator('[part~="figures"]').waitFor();
      const api = await client.getStats();
      expect(api.messages).toBeGreaterThan(0);

      const figure = (name: string) => stats.locator(`[part~="figure-${name}"] dd`).textContent();
      expect(await figure('messages')).toBe(String(api.messages));
      expect(await figure('reply-rate')).toBe(percent(api.replyRate));
      expect(await figure('on-time-rate')).toBe(percent(api.onTimeRate));
      expect(await figure('median-response')).toBe(api.medianResponseHours === null ? '暂无' : `${api.medianResponseHours.toFixed(1)}小时`);
      expect(await figure('satisfaction')).toBe(api.satisfaction.mean === null ? '暂无' : `${api.satisfaction.mean.toFixed(2)}分`);

      // One bar pair per month of the last year up to this month (China time), a month without
      // messages as zero, and the table screen readers get holds the same numbers.
      const thisMonth = new Date(Date.now() + 8 * 3_600_000);
      const lastYear = Array.from({ length: 12 }, (_, i) => {
        const d = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 11 + i, 1));
        return d.toISOString().slice(0, 7);
      }).filter((month) => month >= api.monthly[0]!.month);
      const months = lastYear.map((month) => api.monthly.find((m) => m.month === month) ?? { month, messages: 0, replied: 0 });
      expect(await stats.locator('[part="chart"] rect.bar-all').count()).toBe(months.length);
      const rows = await stats.locator('.visually-hidden table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
      // Each month as a reader writes it (2026年1月), not as the API does (2026-01).
      expect(rows).toEqual(months.map((m) => [`${m.month.slice(0, 4)}年${Number(m.month.slice(5))}月`, String(m.messages), String(m.replied)]));
      // The axis names the year under the first month (and under each January).
      const years = await stats.locator('[part="chart"] text.year').allTextContents();
      expect(years[0]).toBe(months[0]!.month.slice(0, 4));
      expect(years).toEqual([...new Set(months.map((m) => m.month.slice(0, 4)))]);

      const ranked = await stats.locator('[part="ranking"] tbody th').allTextContents();
      expect(ranked).toEqual(api.byUnit.slice(0, 10).map((u) => u.name));
      // The ranking says how many units there are, and 显示全部 lists every one: the lowest-ranked are not left out unsaid.
      expect(await stats.locator('#ranking-note').textContent()).toBe(`共${api.byUnit.length}个单位，按回复率、按时回复率、留言数依次排序。`);
      expect(api.byUnit.length).toBeGreaterThan(10); // the demo's units with messages
      await stats.locator('[part="all-units"]').click();
      await expect.poll(() => stats.locator('[part="ranking"] tbody th').allTextContents()).toEqual(api.byUnit.map((u) => u.name));
      expect(await stats.locator('[part="all-units"]').count()).toBe(0);
      expect(await stats.locator('[part="ranking"] thead th').allTextContents()).toEqual(['留言对象', '留言总数', '回复率', '按时回复率', '满意度']);
      // What each figure counts is said on the page, folded.
      await stats.locator('[part="definitions"] summary').click();
      expect(await stats.locator('[part="definitions"] li').allTextContents()).toContain('满意度：群众对答复的总体评价平均分，满分5分；评价不足5条时不显示分数。');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // On the phone each unit's name has the row's width and its figures the line below, under their
      // headings, in Chinese and in English: nothing to scroll sideways, no heading cut inside a word.
      const table = stats.locator('[part="ranking"]');
      for (const [lang, satisfaction] of [['zh-CN', '满意度'], ['en', 'Satisfaction']] as const) {
        await stats.evaluate((element, l) => element.setAttribute('lang', l), lang);
        const heading = table.getByRole('columnheader', { name: satisfaction, exact: true });
        await expect.poll(() => heading.count()).toBe(1);
        expect(await stats.locator('.table-scroll').evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
        // One word, one line: its text makes one box (cut as "Satisfactio" and "n", it made two).
        expect(await heading.evaluate((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        })).toBe(1);
        const row = table.locator('tbody tr').first();
        const [headingBox, cellBox] = await Promise.all([heading.boundingBox(), row.locator('td').nth(3).boundingBox()]);
        expect(Math.abs(headingBox!.x - cellBox!.x)).toBeLessThan(2);
        // Still a table to a screen reader: every unit a row header.
        expect(await table.getByRole('rowheader').count()).toBe(await table.locator('tbody tr').count());
      }
    } finally {
      await phone.close();
    }
  });
});
