import { messageZhCN, type MessageStrings } from '../liuyan-message/strings.zh-cn';
import type { Widen } from '../../../ui/translations/zh-cn';

const strings = {
  tabsLabel: '按办理状态查看',
  all: '全部',
  unitFilter: '留言对象',
  allUnits: '全部领导和部门',
  unitWithSubunits: '{name}（含下属部门）',
  typeFilter: '留言类型',
  allTypes: '全部类型',
  domainFilter: '所属领域',
  allDomains: '全部领域',
  search: '站内搜索',
  searchPlaceholder: '输入标题或内容中的关键词',
  searchSubmit: '搜索',
  toUnit: '留言对象：{name}',
  loadMore: '加载更多',
  loadingMore: '正在加载…',
  noMore: '没有更多了',
  empty: '暂无留言',
  noResults: '没有找到与“{q}”相关的留言',
  shown: '已显示{count}条留言',
  viewFull: '查看全文',
  back: '返回列表',
  notFound: '留言不存在或未公开',
  copyLink: '复制链接',
  copied: '已复制',
  copyByHand: '无法自动复制，请长按下面的链接复制',
  shareLink: '本条留言的链接',
} as const;

export type ListStrings = MessageStrings & Widen<typeof strings>;

export const listZhCN: ListStrings = { ...messageZhCN, ...strings };
