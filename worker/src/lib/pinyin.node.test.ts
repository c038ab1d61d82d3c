import { describe, expect, it } from 'vitest';
import { pinyinKeys } from './pinyin';

describe('pinyinKeys', () => {
  it('holds the initials and the full pinyin of the name from every character on', () => {
    const keys = pinyinKeys('县教育局');
    expect(keys).toEqual(expect.arrayContaining(['xjyj', 'jyj', 'yj', 'j', 'xianjiaoyuju', 'jiaoyuju', 'yuju', 'ju']));
  });

  it('spells a character of two readings both ways, so 县长 is found as xz and 银行 as yinhang', () => {
    expect(pinyinKeys('示范县县长')).toEqual(expect.arrayContaining(['sfxxc', 'sfxxz', 'xianzhang', 'shifanxianxianzhang']));
    expect(pinyinKeys('农业银行')).toEqual(expect.arrayContaining(['nyyh', 'yinhang']));
    expect(pinyinKeys('重庆市')).toEqual(expect.arrayContaining(['chongqingshi', 'cqs']));
  });

  it('keeps Latin letters and digits, lower-cased, and leaves punctuation out', () => {
    expect(pinyinKeys('第1中学（ABC）')).toEqual(expect.arrayContaining(['d1zxabc', 'zxabc', 'di1zhongxueabc']));
    expect(pinyinKeys('WTO Office')).toEqual([]);
  });

  it('stays bounded for the longest name full of 多音字', () => {
    const keys = pinyinKeys('长'.repeat(50));
    expect(keys.every((k) => k.length <= 50)).toBe(true);
    expect(keys.length).toBeLessThanOrEqual(7 * 100);
  });
});
