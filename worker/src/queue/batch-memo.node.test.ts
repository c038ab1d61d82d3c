import { describe, expect, it } from 'vitest';
import { batchMemo, noMemo } from './batch-memo';

describe('batchMemo', () => {
  it('reads once per key, reads again after a failure or forget(key), and noMemo always reads', async () => {
    const memo = batchMemo();
    let reads = 0;
    const read = async () => ++reads;
    expect(await Promise.all([memo('a', read), memo('a', read)])).toEqual([1, 1]);
    expect(await memo('b', read)).toBe(2);
    memo.forget('a');
    expect(await memo('a', read)).toBe(3);

    await expect(memo('c', () => Promise.reject(new Error('D1_ERROR: Network connection lost.')))).rejects.toThrow('Network connection lost');
    expect(await memo('c', read)).toBe(4);

    expect([await noMemo('a', read), await noMemo('a', read)]).toEqual([5, 6]);
  });
});
