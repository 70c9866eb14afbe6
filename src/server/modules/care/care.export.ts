import type { z } from 'zod';
import type { Deps } from '../../app/context';
import { pagedSource, type ListExport } from '../../app/list-export';
import { labelsIn } from '../../../shared/common';
import { CARE_CHANNEL_LABELS, CARE_TASK_STATE_LABELS, type worklistQuery } from '../../../shared/care';
import * as uc from './care.usecases';

type WorklistFilter = Omit<z.output<typeof worklistQuery>, 'page' | 'pageSize'>;
type WorklistRow = Awaited<ReturnType<typeof uc.worklist>>['items'][number];

const CHANNEL_ZH = labelsIn(CARE_CHANNEL_LABELS, 'zh');
const STATE_ZH = labelsIn(CARE_TASK_STATE_LABELS, 'zh');

/** 回访工作台 as Excel: every follow-up of the worklist's filter (today's or all), in its order. */
export const careTasksExport: ListExport<WorklistFilter, WorklistRow> = {
  name: 'care_tasks',
  title: '回访任务',
  permission: 'care.read',
  columns: [
    { header: '到期时间', width: 18, kind: 'datetime', value: (r) => r.task.dueAt },
    { header: '客户', width: 14, value: (r) => r.customer?.name },
    { header: '回访原因', width: 24, value: (r) => r.task.ruleName },
    { header: '跟进的工单/派工单', width: 20, value: (r) => r.followsUp?.number },
    { header: '门店', width: 16, value: (r) => r.unitName },
    { header: '方式', width: 8, value: (r) => CHANNEL_ZH[r.task.channel] },
    { header: '已拨打次数', width: 10, kind: 'integer', value: (r) => r.task.attempts },
    { header: '状态', width: 10, value: (r) => STATE_ZH[r.task.state] },
  ],
  open: (deps: Deps, actor, query) =>
    pagedSource((page, pageSize) =>
      uc.worklist(deps, actor, { ...query, mine: query.mine ?? false, page, pageSize }),
    ),
};
