import type { z } from 'zod';
import {
  ORDER_CHANNEL_LABELS,
  ORDER_FULFILMENT_LABELS,
  type listOrdersQuery,
  type Order,
} from '../../../shared/orders';
import { pagedSource, type ListExport } from '../../app/list-export';
import { presentOrder } from './orders.presenter';
import * as uc from './orders.usecases';

type OrdersFilter = Omit<z.output<typeof listOrdersQuery>, 'page' | 'pageSize'>;

const SOURCE_ZH: Record<Order['source'], string> = {
  counter: '柜台录入',
  api: '接口推送',
  import: 'Excel 导入',
};
const yuan = (fen: number) => fen / 100;

/** 订单 as Excel: every order the list shows for its filter (scope, store, number/customer/phone). */
export const ordersExport: ListExport<OrdersFilter, Order> = {
  name: 'orders',
  title: '订单',
  permission: 'orders.read',
  columns: [
    { header: '销售单号', width: 18, value: (r) => r.orderNo },
    { header: '门店', width: 16, value: (r) => r.unitName },
    { header: '客户', width: 12, value: (r) => r.customerName },
    { header: '电话', width: 16, value: (r) => r.customerPhone },
    { header: '渠道', width: 8, value: (r) => ORDER_CHANNEL_LABELS[r.channel].zh },
    { header: '交付方式', width: 8, value: (r) => ORDER_FULFILMENT_LABELS[r.fulfilment].zh },
    { header: '商品', width: 40, value: (r) => r.lines.map((l) => `${l.product}×${l.quantity}`).join('；') },
    { header: '售价（元）', width: 12, kind: 'number', value: (r) => yuan(r.totalFen) },
    { header: '实付（元）', width: 12, kind: 'number', value: (r) => yuan(r.paidFen) },
    { header: '下单时间', width: 18, kind: 'datetime', value: (r) => r.orderedAt },
    { header: '付款时间', width: 18, kind: 'datetime', value: (r) => r.paidAt },
    { header: '送货时间', width: 18, kind: 'datetime', value: (r) => r.deliveredAt },
    { header: '自提时间', width: 18, kind: 'datetime', value: (r) => r.pickedUpAt },
    { header: '来源', width: 10, value: (r) => SOURCE_ZH[r.source] },
    { header: '外部单号', width: 18, value: (r) => r.externalRef },
  ],
  open: (deps, actor, query) =>
    pagedSource(async (page, pageSize) => {
      const r = await uc.listOrders(deps, actor, { ...query, page, pageSize });
      return { items: r.items.map((o) => presentOrder(o, actor)), total: r.total };
    }),
};
