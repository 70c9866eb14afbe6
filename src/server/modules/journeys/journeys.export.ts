import type { z } from 'zod';
import { DEFAULT_ROLES } from '../../../domain/permissions/permissions.roles';
import type { JourneySummary, listJourneysQuery } from '../../../shared/journeys';
import { pagedSource, type ListExport } from '../../app/list-export';
import { presentSummaries } from './journeys.presenter';
import * as uc from './journeys.usecases';

type JourneysFilter = Omit<z.output<typeof listJourneysQuery>, 'page' | 'pageSize'>;

const ROLE_ZH = new Map(DEFAULT_ROLES.map((r) => [r.code, r.nameZh]));

/** 服务流程 as Excel: the journeys the list shows with its filters, scoped like the list (JRN-1…8). */
export const journeysExport: ListExport<JourneysFilter, JourneySummary> = {
  name: 'journeys',
  title: '服务流程',
  permission: 'journeys.read',
  columns: [
    { header: '流程', width: 18, value: (r) => r.templateNameZh },
    { header: '版本', width: 6, kind: 'integer', value: (r) => r.templateVersion },
    { header: '客户', width: 12, value: (r) => r.customerName },
    { header: '单位', width: 16, value: (r) => r.unitName },
    { header: '当前阶段', width: 18, value: (r) => r.stageNameZh ?? '已结束' },
    {
      header: '负责角色',
      width: 12,
      value: (r) => (r.stageRole ? (ROLE_ZH.get(r.stageRole) ?? r.stageRole) : ''),
    },
    { header: '本阶段期限', width: 18, kind: 'datetime', value: (r) => r.stageDueAt },
    { header: '是否超期', width: 8, value: (r) => (r.overdue ? '已超期' : '') },
    { header: '发起时间', width: 18, kind: 'datetime', value: (r) => r.createdAt },
    { header: '结束时间', width: 18, kind: 'datetime', value: (r) => r.finishedAt },
  ],
  open: (deps, actor, query) =>
    pagedSource(async (page, pageSize) => {
      const { rows, total, now } = await uc.listJourneys(deps, actor, { ...query, page, pageSize });
      return { items: await presentSummaries(deps.db, rows, now), total };
    }),
};
