import { describe, expect, it } from 'vitest';
import { format, formatDateTime, formatMonth, formatNumber, formatRelative, waitText } from './localize';
import { baseEn } from './translations/base.en';
import { baseZhCN } from './translations/base.zh-cn';
import { consoleEn } from '../console/strings.en';

// Dates, numbers and relative times through Intl, as each language writes them.

const NOW = Date.parse('2026-12-01T12:00:00+08:00');
const daysAgo = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

describe('formatRelative', () => {
  it('says "3 days ago" in each language', () => {
    expect(formatRelative('zh-CN', daysAgo(3), NOW)).toBe('3天前');
    expect(formatRelative('zh-TW', daysAgo(3), NOW)).toBe('3 天前');
    expect(formatRelative('en', daysAgo(3), NOW)).toBe('3 days ago');
  });

  it('names yesterday, just now, hours, weeks, months and the future', () => {
    expect(formatRelative('zh-CN', daysAgo(1), NOW)).toBe('昨天');
    expect(formatRelative('en', daysAgo(1), NOW)).toBe('yesterday');
    expect(formatRelative('en', new Date(NOW - 20_000).toISOString(), NOW)).toBe('now');
    expect(formatRelative('zh-TW', new Date(NOW - 5 * 3_600_000).toISOString(), NOW)).toBe('5 小時前');
    expect(formatRelative('en', daysAgo(14), NOW)).toBe('2 weeks ago');
    expect(formatRelative('zh-CN', daysAgo(65), NOW)).toBe('2个月前');
    expect(formatRelative('en', daysAgo(-2), NOW)).toBe('in 2 days');
  });

  it('counts days as China’s calendar does, agreeing with the date written beside it', () => {
    // 29 hours before 04:01 is the day before yesterday there; 38 hours before 23:00, yesterday.
    expect(formatRelative('zh-CN', '2026-12-04T23:00:00+08:00', Date.parse('2026-12-06T04:01:00+08:00'))).toBe('前天');
    expect(formatRelative('zh-CN', '2026-12-05T09:00:00+08:00', Date.parse('2026-12-06T23:00:00+08:00'))).toBe('昨天');
    // The same instants to a reader whose own clock is elsewhere: the words do not change.
    expect(formatRelative('en', '2026-12-04T15:00:00Z', Date.parse('2026-12-05T20:01:00Z'))).toBe('2 days ago');
    // 11/30 19:00 seen on 12/06 04:00: six days, not five.
    expect(formatRelative('zh-CN', '2026-11-30T19:00:00+08:00', Date.parse('2026-12-06T04:00:00+08:00'))).toBe('6天前');
    // Eleven days: one whole week (not 2周前, nor 上周).
    expect(formatRelative('zh-CN', daysAgo(11), NOW)).toBe('1周前');
    // Under a day, hours, even across midnight.
    expect(formatRelative('zh-CN', '2026-12-05T22:00:00+08:00', Date.parse('2026-12-06T01:00:00+08:00'))).toBe('3小时前');
  });
});

describe('formatDateTime and formatNumber', () => {
  it('write a date in China time, and a number, the reader’s way', () => {
    expect(formatDateTime('zh-CN', '2026-12-03T23:59:59+08:00', false)).toBe('2026/12/03');
    expect(formatDateTime('zh-TW', '2026-12-03T15:59:59Z')).toMatch(/^2026\/12\/03\s23:59$/);
    expect(formatDateTime('en', '2026-12-03T23:59:59+08:00', false)).toBe('Dec 3, 2026');
    expect(formatDateTime('en', '2026-12-03T23:59:59+08:00')).toBe('Dec 3, 2026, 23:59');
    expect(formatNumber('zh-TW', 0.913, { style: 'percent', minimumFractionDigits: 1 })).toBe('91.3%');
    expect(formatNumber('en', 12345)).toBe('12,345');
  });
});

describe('format', () => {
  it('fills in the parameters, and gives an English word after a number its singular or plural', () => {
    expect(format('直接写给{name}', { name: '县长' })).toBe('直接写给县长');
    expect(format('{count} {count:reply|replies}', { count: 1 })).toBe('1 reply');
    expect([0, 2, 11].map((count) => format('{count} {count:reply|replies}', { count }))).toEqual(['0 replies', '2 replies', '11 replies']);
    // The English form's count of answers to correct: a single one is "it", not "each".
    expect([1, 2].map((n) => format(baseEn.fixFields, { n }))).toEqual(['1 answer needs correcting: see the note under it.', '2 answers need correcting: see the note under each.']);
    // As the console's queue says it.
    expect(format(consoleEn.queue.replies, { count: 1 })).toBe('1 reply');
  });
});

describe('waitText', () => {
  it('says a wait in whole minutes up to an hour and a half, in whole hours beyond (a day’s limit), rounded up', () => {
    const zh = { waitMinutes: baseZhCN.waitMinutes, waitHours: baseZhCN.waitHours };
    expect(waitText(zh, 1)).toBe('1分钟');
    expect(waitText(zh, 61)).toBe('2分钟');
    expect(waitText(zh, 90 * 60)).toBe('90分钟');
    expect(waitText(zh, 90 * 60 + 1)).toBe('2小时');
    // What a citizen was told after a day's limit: 1,273 minutes.
    expect(waitText(zh, 1273 * 60)).toBe('22小时');
    expect(format(baseZhCN.tooManyRequests, { wait: waitText(zh, 1273 * 60) })).toBe('操作太频繁，请22小时后再试。');
    expect(waitText(baseEn, 60)).toBe('1 minute');
    expect(waitText(baseEn, 3 * 3600)).toBe('3 hours');
  });
});

describe('formatMonth', () => {
  it('writes a month of the figures as the reader does, whatever their clock zone', () => {
    expect(formatMonth('zh-CN', '2026-01')).toBe('2026年1月');
    expect(formatMonth('zh-TW', '2026-12')).toBe('2026年12月');
    expect(formatMonth('en', '2026-01')).toBe('Jan 2026');
  });
});
