import type { z } from 'zod';
import { arraySource, pagedSource, type ListExport } from '../../app/list-export';
import { labelsIn } from '../../../shared/common';
import {
  SERVICE_CLASS_LABELS,
  WORK_ORDER_STATE_LABELS,
  WORK_ORDER_TYPE_LABELS,
  type WorkOrderRow,
} from '../../../shared/workorders';
import { listWorkOrders } from './workorders.queries';
import type { listQuery, priceListQuery } from './workorders.schemas';
import { listPriceItems, type PriceItemRow } from './pricing.usecases';
import { listContracts } from './contracts.usecases';
import type { ContractListItem, contractsQuery } from '../../../shared/workorders';

type WorkOrdersQuery = Omit<z.output<typeof listQuery>, 'page' | 'pageSize'>;

const TYPE_ZH = labelsIn(WORK_ORDER_TYPE_LABELS, 'zh');
const STATE_ZH = labelsIn(WORK_ORDER_STATE_LABELS, 'zh');
const CLASS_ZH = labelsIn(SERVICE_CLASS_LABELS, 'zh');

/** 派工单 as Excel: every order of the list's filter, in the list's scope and order. */
export const workOrdersExport: ListExport<WorkOrdersQuery, WorkOrderRow> = {
  name: 'workorders',
  title: '派工单',
  permission: 'workorders.read',
  columns: [
    { header: '派工单号', width: 18, value: (w) => w.number },
    { header: '类型', width: 10, value: (w) => TYPE_ZH[w.type] },
    { header: '状态', width: 10, value: (w) => STATE_ZH[w.state] },
    { header: '门店', width: 16, value: (w) => w.unitName },
    { header: '客户', width: 14, value: (w) => w.customer?.name ?? w.contactName },
    { header: '地址', width: 36, value: (w) => w.address },
    { header: '问题', width: 36, value: (w) => w.problem },
    { header: '服务类别', width: 12, value: (w) => (w.serviceClass ? CLASS_ZH[w.serviceClass] : null) },
    { header: '技师', width: 12, value: (w) => w.technician?.name },
    { header: '预约开始', width: 18, kind: 'datetime', value: (w) => w.appointment?.start },
    { header: '预约结束', width: 18, kind: 'datetime', value: (w) => w.appointment?.end },
    { header: '投诉引发', width: 10, value: (w) => (w.complaintDriven ? '是' : '') },
    { header: '创建时间', width: 18, kind: 'datetime', value: (w) => w.createdAt },
  ],
  open: (deps, actor, query) => {
    const { mine, verificationOverdue, ...rest } = query;
    return pagedSource((page, pageSize) =>
      listWorkOrders(deps, actor, {
        ...rest,
        mine: mine === 'true',
        verificationOverdue: verificationOverdue === 'true',
        page,
        pageSize,
      }),
    );
  },
};

/** 收费价目表 as Excel (PAY-5): the items in force at the unit (its own and inherited), price in yuan. */
export const priceListExport: ListExport<z.output<typeof priceListQuery>, PriceItemRow> = {
  name: 'price_list',
  title: '收费价目表',
  permission: ['workorders.read', 'pricing.manage'],
  columns: [
    { header: '编码', width: 14, value: (r) => r.code },
    { header: '名称', width: 28, value: (r) => r.name },
    { header: '类别', width: 8, value: (r) => (r.kind === 'service' ? '服务费' : '配件') },
    { header: '计价单位', width: 10, value: (r) => r.unit },
    { header: '单价（元）', width: 12, kind: 'number', value: (r) => r.priceFen / 100 },
    { header: '启用', width: 6, value: (r) => (r.active ? '是' : '否') },
  ],
  open: async (deps, actor, { includeInactive, ...query }) =>
    arraySource(await listPriceItems(deps, actor, { ...query, includeInactive: includeInactive === 'true' })),
};

const CONTRACT_STATE_ZH = {
  upcoming: '未开始',
  active: '生效中',
  expiring: '即将到期',
  expired: '已到期',
} as const;

/** 维保合同 as Excel: the contracts list's filter and scope. */
export const contractsExport: ListExport<z.output<typeof contractsQuery>, ContractListItem> = {
  name: 'maintenance_contracts',
  title: '维保合同',
  permission: 'workorders.read',
  columns: [
    { header: '合同编号', width: 18, value: (c) => c.number },
    { header: '客户', width: 16, value: (c) => c.customerName },
    { header: '产品', width: 20, value: (c) => c.assetName ?? '全部产品' },
    { header: '所属单位', width: 16, value: (c) => c.unitName },
    { header: '开始日期', width: 12, value: (c) => c.startsOn },
    { header: '到期日期', width: 12, value: (c) => c.endsOn },
    { header: '状态', width: 10, value: (c) => CONTRACT_STATE_ZH[c.state] },
  ],
  open: (deps, actor, query) =>
    pagedSource((page, pageSize) => listContracts(deps, actor, { ...query, page, pageSize })),
};
