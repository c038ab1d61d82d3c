import { describe, expect, it } from 'vitest';
import { format, formatDateTime, formatNumber, formatRelative } from './localize';
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
});

describe('formatDateTime and formatNumber', () => {
  it('write a date in China time, and a number, the reader’s way', () => {
    expect(formatDateTime('zh-CN', '2026-12-03T23:59:59+08:00', false)).toBe('2026/12/03');
    expect(formatDateTime('zh-TW', '2026-12-03T15:59:59Z')).toMatch(/^2026\/12\/03\s23:59$/);
    expect(formatDateTime('en', '2026-12-03T23:59:59+08:00', false)).toBe('12/03/2026');
    expect(formatNumber('zh-TW', 0.913, { style: 'percent', minimumFractionDigits: 1 })).toBe('91.3%');
    expect(formatNumber('en', 12345)).toBe('12,345');
  });
});

describe('format', () => {
  it('fills in the parameters, and gives an English word after a number its singular or plural', () => {
    expect(format('直接写给{name}', { name: '县长' })).toBe('直接写给县长');
    expect(format('{count} {count:reply|replies}', { count: 1 })).toBe('1 reply');
    expect([0, 2, 11].map((count) => format('{count} {count:reply|replies}', { count }))).toEqual(['0 replies', '2 replies', '11 replies']);
    // As the console's queue says it.
    expect(format(consoleEn.queue.replies, { count: 1 })).toBe('1 reply');
  });
});
