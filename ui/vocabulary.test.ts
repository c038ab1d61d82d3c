import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelCatalogs } from '../sdk/src/locales';
import { DomainSchema, MessageStatusSchema, MessageTypeSchema, ModerationSchema } from '../sdk/src/schemas/common';
import { RejectReasonSchema, ReplyInputSchema } from '../sdk/src/schemas/console';
import { PublicTabSchema, RatingReasonSchema, ReplySchema, TimelineEventKindSchema } from '../sdk/src/schemas/message';
import { eventLabel, MESSAGE_FLAGS, replyKindsOfEvents, type Vocabulary } from '../sdk/src/vocabulary';

/** Every code the contract can send, by the vocabulary table that names it. */
const CODES: Record<keyof Vocabulary, readonly string[]> = {
  types: MessageTypeSchema.options,
  domains: DomainSchema.options,
  statuses: MessageStatusSchema.options,
  tabs: PublicTabSchema.options,
  moderation: ModerationSchema.options,
  events: TimelineEventKindSchema.options,
  replyKinds: [...new Set([...ReplySchema.shape.kind.options, ...ReplyInputSchema.shape.kind.options])],
  rejectReasons: RejectReasonSchema.options,
  ratingLevels: ['1', '2', '3', '4', '5'],
  ratingReasons: RatingReasonSchema.options,
  flags: MESSAGE_FLAGS,
};

describe('the one vocabulary of statuses, events and replies', () => {
  for (const [locale, labels] of Object.entries(labelCatalogs)) {
    it(`names every code of the SDK's schemas in ${locale}, and nothing else`, () => {
      for (const [table, codes] of Object.entries(CODES) as [keyof Vocabulary, readonly string[]][]) {
        const names = labels[table] as Record<string, string>;
        for (const code of codes) expect(names[code]?.trim(), `${locale} ${table}.${code}`).toBeTruthy();
        expect(Object.keys(names).sort(), `${locale} ${table}`).toEqual([...codes].sort());
      }
    });

    it(`gives each status its own name in ${locale}`, () => {
      const statuses = Object.values(labels.statuses);
      expect(new Set(statuses).size).toBe(statuses.length);
    });
  }

  it('names a reply on the timeline by its kind, as the reply itself is labelled', () => {
    const zh = labelCatalogs['zh-CN'];
    const timeline = [{ kind: 'submitted' }, { kind: 'replied' }, { kind: 'transferred' }, { kind: 'replied' }] as const;
    const kinds = replyKindsOfEvents(timeline, [{ kind: 'interim' }, { kind: 'final' }]);
    expect(timeline.map((e, i) => eventLabel(zh, e.kind, kinds[i]))).toEqual(['提交留言', '阶段性回复', '转办', '正式回复']);
    expect(zh.replyKinds).toEqual({ interim: '阶段性回复', final: '正式回复' });
  });
});

/** WCAG 2.2 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('status tags', () => {
  it('are white on a colour of their own, readable at 4.5:1 or more', () => {
    // The default (light) palette: the dark one, declared above it, has its own text colour on status tags.
    const source = readFileSync(new URL('./status.styles.ts', import.meta.url), 'utf8');
    const tokens = source.slice(source.indexOf('export const statusStyles'));
    const colour = (name: string) => tokens.match(new RegExp(`--liuyan-color-${name}: (#[0-9a-f]{6});`))?.[1];
    const byStatus = Object.fromEntries(MessageStatusSchema.options.map((status) => {
      const token = tokens.match(new RegExp(`\\.badge\\.status\\.${status} \\{ background: var\\(--liuyan-color-([\\w-]+)\\); \\}`))?.[1];
      return [status, token && colour(token)];
    }));
    for (const [status, hex] of Object.entries(byStatus)) {
      expect(hex, status).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(hex!, '#ffffff'), status).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(Object.values(byStatus)).size).toBe(MessageStatusSchema.options.length);
  });
});
