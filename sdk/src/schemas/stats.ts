import { z } from 'zod';
import { MonthSchema } from './dates';
import { withCode } from './error';

export { MonthSchema };

/**
 * What each figure means: written once, shown in the API documentation (the stats route's
 * description) and the README, so a newspaper quoting 回复率 quotes the same thing we compute.
 */
export const STATS_DEFINITIONS = [
  'Counted: every message a citizen submitted in the months asked (China time, by the day it was submitted), public or private, except those moderation rejected (spam, abuse). Private messages count in every figure; no figure shows what any message says.',
  'messages: how many were counted.',
  'replyRate: the share of counted messages with at least one official reply (interim or final), 0–1, 3 decimals; null when nothing was counted.',
  'onTimeRate: of the replied messages, the share whose first reply came on or before the deadline in force when it was written (a later extension or 重办 does not change it); null when nothing was replied. Open messages past their deadline lower replyRate, and officials see them in the console.',
  'medianResponseHours: the median time from submission to first reply, in hours, 1 decimal; estimated from bands of 1 hour up to 6 hours, widening to a week by 30 days (linear within the band holding the middle reply; 720 for anything later); null when nothing was replied.',
  'satisfaction: each rated message counts once, with its latest rating (after 重办 the new rating replaces the old). mean: mean overall score 1–5, 2 decimals; distribution: how many rated 1, 2, 3, 4 and 5; resolution, attitude, speed: mean sub-scores; null means when nothing was rated. On the public statistics (not an official’s dashboard) the scores of fewer than 5 ratings are not given, for the whole and for each unit (null means, distribution all 0; rated still says how many): narrowed to one unit and one month, a single citizen’s scores could be read.',
  'adopted: suggestions marked 已采纳.',
  'byType, byDomain, byOutlet: counted messages per type, per domain and per outlet: the drive partner the message was written on (its name), else the website origin it was sent from. A message sent with no website (through the API or Open311 by a program) is in no outlet, so byOutlet may add up to fewer than messages.',
  'monthly: per month with messages, oldest first: counted messages and how many of them were replied.',
  'byUnit: per unit messages were addressed to (by its current unit after a 转办), ranked by replyRate, then onTimeRate, then messages; satisfaction is the unit’s mean overall score; `active: false` for a unit retired since (its messages still count; the ranking and the console\'s dashboard mark it 已停用). `unit` narrows everything to the one unit (not its sub-units); `campaign` to one campaign’s messages.',
] as const;

export const StatsQuerySchema = z.object({
  unit: z.string().max(64).optional().describe('a unit id: only messages addressed to it (its sub-units are not included)'),
  campaign: z.string().max(64).optional().describe('campaign slug: only its messages'),
  from: MonthSchema.optional().describe('first month counted, YYYY-MM (China time)'),
  to: MonthSchema.optional().describe('last month counted, YYYY-MM (China time)'),
});
export type StatsQuery = z.input<typeof StatsQuerySchema>;

const Rate = z.number().min(0).max(1).nullable();
const Score = z.number().min(1).max(5).nullable();

export const SatisfactionSchema = z.object({
  rated: z.number().int().describe('rated messages'),
  mean: Score,
  distribution: z.array(z.number().int()).length(5).describe('how many rated 1, 2, 3, 4, 5 (很不满意 … 很满意)'),
  resolution: Score.describe('mean 解决程度'),
  attitude: Score.describe('mean 办理态度'),
  speed: Score.describe('mean 办理速度'),
});

export const MonthlyStatsSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  messages: z.number().int(),
  replied: z.number().int(),
});

export const UnitStatsSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  active: z.boolean().describe('false: the unit is retired (停用) since; the messages it had still count, and the ranking marks it'),
  includesSubunits: z.boolean().optional()
    .describe('true: the figures are the unit’s and every unit’s under it (an official’s dashboard over a large tree ranks the units right below their own so); absent: the unit’s own'),
  messages: z.number().int(),
  replyRate: Rate,
  onTimeRate: Rate,
  satisfaction: Score,
});

export const StatsSchema = z.object({
  messages: z.number().int(),
  replied: z.number().int(),
  replyRate: Rate,
  onTimeRate: Rate,
  medianResponseHours: z.number().nullable(),
  satisfaction: SatisfactionSchema,
  adopted: z.number().int(),
  byType: z.record(z.string(), z.number().int()),
  byDomain: z.record(z.string(), z.number().int()),
  byOutlet: z.record(z.string(), z.number().int()),
  monthly: z.array(MonthlyStatsSchema),
  byUnit: z.array(UnitStatsSchema),
});
export type Stats = z.infer<typeof StatsSchema>;
export type UnitStats = z.infer<typeof UnitStatsSchema>;
export type MonthlyStats = z.infer<typeof MonthlyStatsSchema>;

/** The officials' dashboard: their units' figures (all months) and what needs them now. */
export const DashboardSchema = z.object({
  stats: StatsSchema.describe('as GET /v1/sites/{site}/stats, over the official’s units and every unit below them (the whole site for site-wide roles). For a responder with more than 5 units in scope, byUnit ranks their own units (each by its own messages) and the units right below them (each with everything below it, marked includesSubunits where a unit is under it)'),
  overdue: z.number().int().describe('open messages past their deadline'),
  dueSoon: z.number().int().describe('open messages due by the end of the day after tomorrow (China time), not yet overdue (the queue with dueWithinDays=2)'),
  reopened: z.number().int().describe('重办: messages re-opened by an unhappy rating or a follow-up, being handled again'),
  supervised: z.number().int().describe('督办: open messages escalated to the unit above after their deadline'),
  calendarNotSet: z.number().int().nullable().describe('for admins: a year whose holidays and 调休 the site’s calendar has none of (this year, and from 1 November the next, when the State Council has published it), so deadlines in it count Monday to Friday; null when both are set, and for every other role'),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
