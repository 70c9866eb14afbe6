import type { z } from 'zod';
import { labelsIn } from '../../../shared/common';
import { MOVEMENT_KIND_LABELS, type movementsQuery, type PartMovement } from '../../../shared/parts';
import { pagedSource, type ListExport } from '../../app/list-export';
import { listMovements } from './parts.queries';

type MovementsFilter = Omit<z.output<typeof movementsQuery>, 'page' | 'pageSize'>;

const KIND_ZH = labelsIn(MOVEMENT_KIND_LABELS, 'zh');

/** 备件出入库流水 as Excel: every movement of the journal's filter, in its scope and order. */
export const partMovementsExport: ListExport<MovementsFilter, PartMovement> = {
  name: 'part_movements',
  title: '备件出入库流水',
  permission: 'parts.view',
  columns: [
    { header: '时间', width: 18, kind: 'datetime', value: (m) => m.at },
    { header: '类型', width: 14, value: (m) => KIND_ZH[m.kind] },
    { header: '备件编码', width: 14, value: (m) => m.part.code },
    { header: '备件名称', width: 24, value: (m) => m.part.name },
    { header: '数量', width: 8, kind: 'integer', value: (m) => m.quantity },
    { header: '单位', width: 6, value: (m) => m.part.uom },
    { header: '来源', width: 18, value: (m) => m.from?.name },
    { header: '去向', width: 18, value: (m) => m.to?.name },
    { header: '派工单', width: 18, value: (m) => m.workOrder?.number },
    { header: '原因', width: 24, value: (m) => m.reason },
    { header: '经办人', width: 12, value: (m) => m.actor?.name },
  ],
  open: (deps, actor, query) =>
    pagedSource((page, pageSize) => listMovements(deps, actor, { ...query, page, pageSize })),
};
