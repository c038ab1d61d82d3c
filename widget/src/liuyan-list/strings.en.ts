import { messageEn } from '../liuyan-message/strings.en';
import type { ListStrings } from './strings.zh-cn';

export const listEn: ListStrings = {
  ...messageEn,
  tabsLabel: 'Show by status',
  all: 'All',
  unitFilter: 'To',
  allUnits: 'All leaders and departments',
  unitWithSubunits: '{name} and its departments',
  typeFilter: 'Type',
  allTypes: 'All types',
  domainFilter: 'Domain',
  allDomains: 'All domains',
  search: 'Search this board',
  searchPlaceholder: 'A word from the title or the message',
  searchSubmit: 'Search',
  toUnit: 'To: {name}',
  loadMore: 'Load more',
  loadingMore: 'Loading…',
  noMore: 'No more messages',
  empty: 'No messages yet',
  noResults: 'No messages match “{q}”',
  shown: '{count} messages shown',
  viewFull: 'Read in full',
  back: 'Back to the list',
};
