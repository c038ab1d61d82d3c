import { zhCNStatsLabels } from '../../../sdk/src/locales/labels.zh-cn';
import type { StatsLabels } from '../../../sdk/src/vocabulary';
import { commonZhCN, type CommonStrings, type Widen } from '../../../ui/translations/zh-cn';

const strings = {
  title: '办理情况统计',
  chartTitle: '每月留言与回复',
  /** The title when the chart leaves out months the figures above count (`{from}`, `{to}`: 2026-01). */
  chartPeriod: '每月留言与回复（{from}至{to}；更早的留言计入上方总数，图中未画出）',
  /** The table behind the chart, for screen readers. */
  tableCaption: '每月留言数与已回复数',
  ranking: '各单位回复情况',
  /** Under the ranking's title: how many units, and how they are ranked (StatsSchema byUnit). */
  rankingNote: '共{n}个单位，按回复率、按时回复率、留言数依次排序。',
  /** Below the first units of a longer ranking: every unit, the lowest-ranked included. */
  showAllUnits: '显示全部{n}个单位',
  /** 统计口径: what each figure counts, in a reader's words (the API's own are STATS_DEFINITIONS). */
  definitionsTitle: '统计口径',
  definitions: [
    '留言总数：所选期间群众提交的留言，公开和不公开的都计入（只计数，不显示内容）；审核未通过的不计入。',
    '回复率：至少收到一条答复（含阶段性答复）的留言所占的比例。',
    '按时回复率：已回复的留言中，首次答复在办理期限内的比例。',
    '首次回复用时：从提交到首次答复所用时间的中位数。',
    '满意度：群众对答复的总体评价平均分，满分5分；评价不足5条时不显示分数。',
    '各单位：按留言现在的办理单位统计（转办后计入新单位），只计该单位本身，不含下级单位。',
  ],
  loadFailed: '统计数据加载失败，请检查网络后重试。',
  empty: '暂无留言',
  /** After a retired unit's name in the ranking (its messages still count). */
  retired: '（已停用）',
} as const;

export type StatsStrings = CommonStrings & StatsLabels & Widen<typeof strings>;

export const statsZhCN: StatsStrings = { ...commonZhCN, ...zhCNStatsLabels, ...strings };
