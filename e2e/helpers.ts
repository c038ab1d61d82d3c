import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { queryD1 } from '../scripts/local-stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Keep Chromium from reaching for the (closed) network on its own.
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export function countMessagesTitled(title: string): number {
  return queryD1<{ n: number }>(inject('persistTo'), `SELECT count(*) AS n FROM messages WHERE title = '${title.replaceAll("'", "''")}'`)[0]!.n;
}

/** Fills `<liuyan-form>` as a citizen would: pick the recipient, type, domain, write, agree. */
export async function fillForm(page: Page, values: { title: string; body: string; unit?: string; department?: string; phone?: string; isPublic?: boolean }) {
  const form = page.locator('liuyan-form');
  await form.getByLabel('留言对象', { exact: true }).selectOption({ label: values.unit ?? '示范县县长' });
  if (values.department) await form.getByLabel(`${values.unit ?? '示范县县长'}下属部门`).selectOption({ label: values.department });
  await form.getByLabel('投诉').check();
  await form.getByLabel('所属领域', { exact: true }).selectOption({ label: '交通' });
  await form.getByLabel('标题', { exact: true }).fill(values.title);
  await form.getByLabel('留言内容', { exact: true }).fill(values.body);
  await form.getByLabel('所在地区', { exact: true }).fill('示范县城关镇');
  await form.getByLabel('姓名', { exact: true }).fill('陈明');
  await form.getByLabel('联系电话', { exact: true }).fill(values.phone ?? '13912345678');
  if (values.isPublic === false) await form.getByRole('radio', { name: /^不公开/ }).check();
  await form.getByLabel(/我已阅读并同意隐私声明/).check();
}

export const TRACKING_CODE = /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/;
