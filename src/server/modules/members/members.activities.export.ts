import type { z } from 'zod';
import { labelsIn } from '../../../shared/common';
import {
  ACTIVITY_STATE_LABELS,
  ACTIVITY_TYPE_LABELS,
  type activitiesQuery,
  type MemberActivity,
} from '../../../shared/members';
import { pagedSource, type ListExport } from '../../app/list-export';
import { listActivities } from './members.activities';

const TYPE_ZH = labelsIn(ACTIVITY_TYPE_LABELS, 'zh');
const STATE_ZH = labelsIn(ACTIVITY_STATE_LABELS, 'zh');

/** 年度会员活动计划 as Excel (MEM-2): the year's activities of the unit, as the page lists them. */
export const activitiesExport: ListExport<z.output<typeof activitiesQuery>, MemberActivity> = {
  name: 'member-activities',
  title: '会员活动计划',
  permission: 'members.read',
  columns: [
    { header: '日期', width: 12, value: (a) => a.date },
    { header: '主题', width: 28, value: (a) => a.theme },
    { header: '类型', width: 10, value: (a) => TYPE_ZH[a.type] },
    { header: '对象', width: 18, value: (a) => a.targetGroup },
    { header: '状态', width: 10, value: (a) => STATE_ZH[a.state] },
    { header: '报名人数', width: 10, kind: 'integer', value: (a) => a.signedUp },
    { header: '到场人数', width: 10, kind: 'integer', value: (a) => a.attended },
    { header: '积分', width: 8, kind: 'integer', value: (a) => a.points },
    { header: '实施方案', width: 40, value: (a) => a.implementationPlan ?? '' },
    { header: '活动总结', width: 40, value: (a) => a.summary ?? '' },
    { header: '效果评估', width: 40, value: (a) => a.evaluation ?? '' },
  ],
  open: (deps, actor, query) =>
    pagedSource(async (page) => {
      const items = page === 1 ? await listActivities(deps, actor, query) : [];
      return { items, total: items.length };
    }),
};
