import { pairsOf, pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';
import { MEMBER_LEVEL_LABELS, POINTS_KIND_LABELS } from '../../../shared/members';

// The member club (会员俱乐部, MEM-1): members, points ledger, handbook. [中文, English].
const strings: PairTree = {
  nav: { members: ['会员俱乐部', 'Member club'] },
  title: ['会员俱乐部', 'Member club'],
  tabs: {
    members: ['会员名册', 'Members'],
    monthly: ['月末统计', 'Month-end counts'],
    activities: ['会员活动', 'Activities'],
    handbook: ['会员手册', 'Member handbook'],
  },
  monthly: {
    month: ['月份', 'Month'],
    newMembers: ['当月新增会员', 'New members'],
    total: ['月末会员总数', 'Members at month end'],
    open: ['本月未结束，统计截至今天', 'Month in progress: counted up to today'],
    year: ['年度', 'Year'],
    yearTotal: ['全年新增', 'New in the year'],
  },
  level: pairsOf(MEMBER_LEVEL_LABELS),
  kind: pairsOf(POINTS_KIND_LABELS),
  field: {
    memberNumber: ['会员号', 'Member number'],
    name: ['姓名', 'Name'],
    level: ['等级', 'Level'],
    joinedOn: ['入会日期', 'Joined'],
    balance: ['积分余额', 'Points'],
    unit: ['所属单位', 'Unit'],
    kind: ['类型', 'Type'],
    points: ['积分', 'Points'],
    reason: ['原因', 'Reason'],
    remaining: ['剩余', 'Left'],
    expiresAt: ['到期', 'Expires'],
    by: ['经办人', 'By'],
    at: ['时间', 'Time'],
  },
  ledger: ['积分流水', 'Points ledger'],
  post: ['记积分', 'Post points'],
  reasonRequired: ['请写明原因', 'Please give the reason'],
  posted: ['已记入积分流水', 'Posted to the ledger'],
  searchPlaceholder: ['姓名或会员号', 'Name or member number'],
};

export const membersI18n: ModuleBundle = {
  namespace: 'members',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
