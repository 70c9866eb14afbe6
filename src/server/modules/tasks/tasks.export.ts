import type { z } from 'zod';
import type { TaskKind, TaskState } from '../../../domain/tasks/tasks';
import { pagedSource, type ListExport } from '../../app/list-export';
import { presentTask } from './tasks.presenter';
import type { listTasksQuery, taskSchema } from './tasks.schemas';
import * as uc from './tasks.usecases';

type TasksFilter = Omit<z.output<typeof listTasksQuery>, 'page' | 'pageSize'>;
type TaskRow = z.infer<typeof taskSchema>;

// The tasks page's own words (tasks.i18n.ts).
const KIND_ZH: Record<TaskKind, string> = { call_back: '回电', message: '转告' };
const STATE_ZH: Record<TaskState, string> = { open: '待办', done: '已办', cancelled: '已取消' };

/**
 * 我的待办 as Excel (IN-5, IN-6): the caller's own call-backs and messages, or colleagues' with
 * tasks.read, exactly as the list filters them; the call-back number is the task itself.
 */
export const tasksExport: ListExport<TasksFilter, TaskRow> = {
  name: 'tasks',
  title: '待办',
  permission: null,
  columns: [
    { header: '类型', width: 8, value: (r) => KIND_ZH[r.kind] },
    { header: '期限', width: 18, kind: 'datetime', value: (r) => r.dueAt },
    { header: '来电人', width: 12, value: (r) => r.callerName },
    { header: '电话', width: 16, value: (r) => r.callerPhone },
    { header: '内容', width: 48, value: (r) => r.note },
    {
      header: '状态',
      width: 10,
      value: (r) => (r.state === 'open' && r.overdue ? '已逾期' : STATE_ZH[r.state]),
    },
    { header: '办理结果', width: 36, value: (r) => r.outcome },
    { header: '办结时间', width: 18, kind: 'datetime', value: (r) => r.doneAt },
    { header: '创建时间', width: 18, kind: 'datetime', value: (r) => r.createdAt },
  ],
  open: (deps, actor, query) =>
    pagedSource(async (page, pageSize) => {
      const r = await uc.listTasks(deps, actor, { ...query, page, pageSize });
      const now = deps.clock.now();
      return { items: r.items.map((t) => presentTask(t, now)), total: r.total };
    }),
};
