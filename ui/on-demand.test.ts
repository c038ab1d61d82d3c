import { describe, expect, it } from 'vitest';
import { fileNamedIn, onDemand } from './on-demand';

describe('fileNamedIn: the file a failed import() names', () => {
  it('reads Chromium’s and Firefox’s messages, and a host with .js in its name', () => {
    const url = 'https://liuyan.example.gov.cn/widget/alone/chunks/sentences.zh-cn-XAXOOS4B.js';
    expect(fileNamedIn(new TypeError(`Failed to fetch dynamically imported module: ${url}`))).toBe(url);
    expect(fileNamedIn(new TypeError(`error loading dynamically imported module: ${url}`))).toBe(url);
    const jiangsu = 'https://liuyan.js.gov.cn/widget/chunks/receipt-73I5CVKX.js';
    expect(fileNamedIn(new TypeError(`Failed to fetch dynamically imported module: ${jiangsu}`))).toBe(jiangsu);
    expect(fileNamedIn(new TypeError(`Failed to fetch dynamically imported module: ${url}?retry=1764600000000`))).toBe(url);
  });

  it('is null where the browser names no file (Safari)', () => {
    expect(fileNamedIn(new TypeError('Importing a module script failed.'))).toBeNull();
    expect(fileNamedIn('offline')).toBeNull();
  });
});

describe('onDemand', () => {
  it('shares one fetch between calls, keeps the module once it came, and tries again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const module = { value: 42 };
    const load = onDemand(async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new TypeError('Importing a module script failed.');
      return module;
    }, (m) => m.value);
    await expect(Promise.all([load(), load()])).rejects.toThrow('failed');
    expect(calls).toBe(1);
    fail = false;
    expect(await Promise.all([load(), load()])).toEqual([42, 42]);
    expect(calls).toBe(2);
    expect(await load()).toBe(42);
    expect(calls).toBe(2);
  });
});
