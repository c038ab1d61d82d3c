import { describe, expect, it } from 'vitest';
import { readMessageId, withMessageId } from './message-address';

const PAGE = 'https://www.example.gov.cn/news/list.html?from=wechat&note=a%20b&flag#board';

describe('an opened message in the host page address', () => {
  it('goes in the query, after the page’s own parameters, which are kept as written', () => {
    const opened = withMessageId(PAGE, 'query', 'liuyan', 'm_abc123');
    expect(opened).toBe('https://www.example.gov.cn/news/list.html?from=wechat&note=a%20b&flag&liuyan=m_abc123#board');
    expect(readMessageId(opened, 'query', 'liuyan')).toBe('m_abc123');
    // Another message replaces it; none removes it, and the page's address is back as it was.
    expect(withMessageId(opened, 'query', 'liuyan', 'm_other')).toBe(opened.replace('m_abc123', 'm_other'));
    expect(withMessageId(opened, 'query', 'liuyan', null)).toBe(PAGE);
    expect(withMessageId('https://x.cn/?liuyan=m_1', 'query', 'liuyan', null)).toBe('https://x.cn/');
  });

  it('goes in the hash under its own name, leaving the query alone', () => {
    const opened = withMessageId(PAGE, 'hash', 'msg', 'm_abc123');
    expect(opened).toBe('https://www.example.gov.cn/news/list.html?from=wechat&note=a%20b&flag#board&msg=m_abc123');
    expect(readMessageId(opened, 'hash', 'msg')).toBe('m_abc123');
    expect(readMessageId(opened, 'query', 'msg')).toBeNull();
    expect(withMessageId(opened, 'hash', 'msg', null)).toBe(PAGE);
  });

  it('reads no id from an empty, over-long or malformed value, or from another parameter', () => {
    expect(readMessageId('https://x.cn/?liuyan=', 'query', 'liuyan')).toBeNull();
    expect(readMessageId('https://x.cn/?liuyan', 'query', 'liuyan')).toBeNull();
    expect(readMessageId(`https://x.cn/?liuyan=${'m'.repeat(65)}`, 'query', 'liuyan')).toBeNull();
    expect(readMessageId('https://x.cn/?liuyan=%E0%A4%A', 'query', 'liuyan')).toBeNull();
    expect(readMessageId('https://x.cn/?liuyanx=m_1&xliuyan=m_2', 'query', 'liuyan')).toBeNull();
    expect(readMessageId('https://x.cn/?liuyan=m_1', 'none', 'liuyan')).toBeNull();
  });
});
