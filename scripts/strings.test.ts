import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, STRING_SETS } from '../sdk/src/languages';
import { ROOT, staleZhTWFiles, toTaiwan } from './i18n/generate';
import { hardCodedStrings } from './i18n/hard-coded';

// The checks behind "adding a language is adding files in one place" (README, "Adding a language").

/** Zh-CN files that are not a string set, and why. */
const NOT_STRING_SETS: Record<string, string> = {
  // The API reference's Chinese, keyed by the English text of the OpenAPI document (docs speak zh-CN and en).
  'worker/src/docs/descriptions.zh-cn.ts': 'docs',
};

/** Findings of the hard-coded string check that are right as they are, and why. */
const ALLOWED_IN_CODE: Record<string, string> = {
  // A console warning for the host page's developer, naming the console's menu in both languages.
  'widget/src/internal/errors.ts: An admin of the site adds it in the console': 'developer console message',
  // Examples of a format to type (an address, an SMS template code), the same in every language.
  'console/admin/site-page.ts: placeholder="https://"': 'format example',
  'console/admin/webhooks-page.ts: placeholder="https://"': 'format example',
  'console/admin/notifications-page.ts: placeholder="SMS_…"': 'format example',
  // An attribute written as a template of its own (` data-lang="…"`), not text.
  'worker/src/hosted/page.ts: data-lang': 'attribute fragment',
  'worker/src/hosted/page.ts: data-theme': 'attribute fragment',
  'worker/src/hosted/track-page.ts: aria-invalid="true"': 'attribute fragment',
};

/** The export names of a language: `formZhCN` → `formZhTW` / `formEn`, `zhCNFieldNames` → `enFieldNames`. */
function exportName(zhCNName: string, tag: string): string {
  const stem = tag.replace('-', '');
  return zhCNName.replace('zhCN', stem.charAt(0).toLowerCase() + stem.slice(1)).replace('ZhCN', stem.charAt(0).toUpperCase() + stem.slice(1));
}

/** Every key path of a set of strings; a sentence (function) or a list is one leaf. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

async function zhCNFiles(): Promise<string[]> {
  const entries = await readdir(ROOT, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('zh-cn.ts') && !/node_modules|\/dist\b|\.wrangler/.test(entry.parentPath))
    .map((entry) => resolve(entry.parentPath, entry.name).slice(ROOT.length + 1));
}

describe('string sets', () => {
  it('lists every Simplified Chinese string file in the registry (sdk/src/languages.ts)', async () => {
    const unlisted = (await zhCNFiles()).filter((path) => !(STRING_SETS as readonly string[]).includes(path) && !(path in NOT_STRING_SETS));
    expect(unlisted).toEqual([]);
  });

  it('has every key in every language of every string set', async () => {
    const missing: string[] = [];
    for (const path of STRING_SETS) {
      const zhCN: Record<string, unknown> = await import(resolve(ROOT, path));
      for (const language of LANGUAGES.filter((l) => l.tag !== 'zh-CN')) {
        const other: Record<string, unknown> = await import(resolve(ROOT, path.replace(/zh-cn\.ts$/, `${language.file}.ts`)));
        for (const [name, value] of Object.entries(zhCN).filter(([name]) => /zhCN|ZhCN/.test(name))) {
          const counterpart = exportName(name, language.tag);
          if (!(counterpart in other)) {
            missing.push(`${language.tag} ${path}: no export ${counterpart}`);
            continue;
          }
          const theirs = new Set(keyPaths(other[counterpart]));
          const ours = new Set(keyPaths(value));
          for (const key of ours) if (!theirs.has(key)) missing.push(`${language.tag} ${counterpart}: missing ${key}`);
          for (const key of theirs) if (!ours.has(key)) missing.push(`${language.tag} ${counterpart}: ${key} is not in zh-CN`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has its Traditional Chinese files up to date with the Simplified ones (npm run i18n -- --check)', async () => {
    expect(await staleZhTWFiles()).toEqual([]);
  });

  it('writes this domain’s words as Taiwan does, where OpenCC alone would not', () => {
    expect(toTaiwan('待审核')).toBe('待審核');
    expect(toTaiwan('留言对象')).toBe('留言對象');
    expect(toTaiwan('留言类型')).toBe('留言類型');
    expect(toTaiwan('我也支持')).toBe('我也支持');
    expect(toTaiwan('审核通过并公开')).toBe('審核通過並公開');
    expect(toTaiwan('请填写有效的电子邮箱地址')).toBe('請填寫有效的電子郵件信箱地址');
    expect(toTaiwan('网络连接失败')).toBe('網路連線失敗');
    expect(toTaiwan('短信验证码')).toBe('簡訊驗證碼');
    expect(toTaiwan('查询码：{code}')).toBe('查詢碼：{code}');
    expect(toTaiwan('阶段性回复、转办、督办、很满意')).toBe('階段性回覆、轉辦、督辦、很滿意');
    expect(toTaiwan('选择“公开”的留言')).toBe('選擇「公開」的留言');
    expect(toTaiwan('最多只能附3张照片')).toBe('最多只能附3張照片');
    expect(toTaiwan('工作日数，只影响此后提交的留言')).toBe('工作日數，只影響此後提交的留言');
    expect(toTaiwan('结尾不加“/”，也不加‘?’')).toBe('結尾不加「/」，也不加『?』');
    // Code, English and its apostrophes pass through untouched.
    expect(toTaiwan('the site’s own')).toBe('the site’s own');
    expect(toTaiwan("title: '标题', `${l}不能超过${p.max}个字`")).toBe("title: '標題', `${l}不能超過${p.max}個字`");
    // Messages are counted with 則, after a number or a placeholder too; a condition (条件) and a template literal's list keep 條.
    expect(toTaiwan('收到{messages}条，公开{published}条；评价不足5条时、不足 5 条时')).toBe('收到{messages}則，公開{published}則；評價不足5則時、不足 5 則時');
    expect(toTaiwan('这是一条不公开的留言，最多（条），每页条数')).toBe('這是一則不公開的留言，最多（則），每頁筆數');
    expect(toTaiwan('没有符合条件的留言 `${l}最多${p.max}条`，第13条')).toBe('沒有符合條件的留言 `${l}最多${p.max}條`，第13條');
    // One verb to send on a page: OpenCC alone gave 重新發送 beside 傳送失敗.
    expect(toTaiwan('发送失败，可重新发送；发送短信验证码')).toBe('傳送失敗，可重新傳送；傳送簡訊驗證碼');
  });
});

describe('user-visible text in code', () => {
  it('is in no template or string of the elements, the console or the hosted pages, but in their string files', async () => {
    expect(await hardCodedStrings(ROOT, ALLOWED_IN_CODE)).toEqual([]);
  });
});
