import { zhCNStatsLabels } from '../../../sdk/src/locales/labels.zh-cn';
import type { StatsLabels } from '../../../sdk/src/vocabulary';
import { commonZhCN, type CommonStrings, type Widen } from '../../../ui/translations/zh-cn';

const strings = {
  title: '办理情况统计',
  chartTitle: '每月留言与回复',
  /** The title when the chart leaves out months the figures above count (`{from}`, `{to}`: 2026-01). */
  chartPeriod: '每月留言与回复（{from}至{to}）',
  /** The table behind the chart, for screen readers. */
  tableCaption: '每月留言数与已回复数',
  ranking: '各单位回复情况',
  /** Under the ranking's title: how many units, and how they are ranked (StatsSchema byUnit). */
  rankingNote: '共{n}个单位，按回复率、按时回复率、留言数依次排序。',
  /** Below the first units of a longer ranking: every unit, the lowest-ranked included. */
  showAllUnits: '显示全部{n}个单位',
  loadFailed: '统计数据加载失败，请检查网络后重试。',
  empty: '暂无留言',
} as const;

export type StatsStrings = CommonStrings & StatsLabels & Widen<typeof strings>;

export const statsZhCN: StatsStrings = { ...commonZhCN, ...zhCNStatsLabels, ...strings };
