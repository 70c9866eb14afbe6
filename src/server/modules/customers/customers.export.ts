import type { z } from 'zod';
import type { Actor, Deps } from '../../app/context';
import { pagedSource, type ListExport } from '../../app/list-export';
import type { Customer } from '../../../shared/customers';
import { presentCustomer } from './customers.presenter';
import type { listCustomersQuery } from './customers.schemas';
import * as uc from './customers.usecases';
import { admitCustomerExport, listAccess, logExport } from './customers.access';
import { ACCESS_KIND_LABELS, type AccessEntry, type accessFilter } from '../../../shared/customers';

export type CustomersQuery = Omit<z.output<typeof listCustomersQuery>, 'page' | 'pageSize'>;
export type CustomersExportQuery = CustomersQuery;

/** One page of the customer list as the list shows it: scoped (ORG-1), numbers masked per record (CUS-4). */
export async function readCustomers(
  deps: Deps,
  actor: Actor,
  query: CustomersQuery & { page: number; pageSize: number },
): Promise<{ items: Customer[]; total: number }> {
  const { specialAttention, draft, ...rest } = query;
  const { items, total } = await uc.listCustomers(deps, actor, {
    ...rest,
    ...(specialAttention ? { specialAttention: specialAttention === 'true' } : {}),
    ...(draft ? { draft: draft === 'true' } : {}),
  });
  return { items: items.map((r) => presentCustomer(r, !uc.seesFullNumbers(actor, r.unitPath))), total };
}

const primaryFirst = <T extends { isPrimary: boolean }>(items: readonly T[]) =>
  [...items].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));

/** 客户档案 as Excel: every customer matching the list's filter, numbers as the list shows them, with a reason. */
export const customersExport: ListExport<CustomersQuery, Customer> = {
  name: 'customers',
  title: '客户',
  permission: 'customers.read',
  // Customers' names, numbers and addresses leave the system: the exporter says why (CUS-4).
  asksReason: true,
  // CUS-3: more rows than the configured limit leave only through an approved export request.
  admit: admitCustomerExport,
  onExported: logExport,
  columns: [
    { header: '姓名', width: 14, value: (c) => c.name },
    {
      header: '电话',
      width: 28,
      value: (c) =>
        primaryFirst(c.phones)
          .map((p) => p.number)
          .join('、'),
    },
    { header: '地址', width: 40, value: (c) => primaryFirst(c.addresses)[0]?.address },
    { header: '生日', width: 12, kind: 'date', value: (c) => c.birthday },
    { header: '来源', width: 12, value: (c) => c.source },
    { header: '特别关注', width: 24, value: (c) => c.specialAttention?.reason },
    { header: '资产', width: 30, value: (c) => c.assets.map((a) => a.name).join('、') },
    { header: '待补全', width: 8, value: (c) => (c.draft ? '是' : '') },
    { header: '建档时间', width: 18, kind: 'datetime', value: (c) => c.createdAt },
  ],
  open: (deps, actor, query) =>
    pagedSource((page, pageSize) => readCustomers(deps, actor, { ...query, page, pageSize })),
};

/** CUS-3: the access log as the archive keeper reviews it, as Excel (who, when, what, which record, why). */
export const accessExport: ListExport<z.output<typeof accessFilter>, AccessEntry> = {
  name: 'customer_access',
  title: '客户档案查阅记录',
  permission: 'customers.access.review',
  columns: [
    { header: '时间', width: 18, kind: 'datetime', value: (e) => e.at },
    { header: '最后一次', width: 18, kind: 'datetime', value: (e) => e.lastAt },
    { header: '次数', width: 8, kind: 'integer', value: (e) => e.times },
    { header: '人员', width: 14, value: (e) => e.user.displayName },
    { header: '操作', width: 14, value: (e) => ACCESS_KIND_LABELS[e.kind].zh },
    { header: '客户', width: 14, value: (e) => e.customer?.name },
    { header: '单位', width: 20, value: (e) => e.unit.name },
    { header: '原因', width: 40, value: (e) => e.reason },
    { header: '导出行数', width: 10, kind: 'integer', value: (e) => e.rows },
  ],
  open: (deps, actor, query) =>
    pagedSource((page, pageSize) => listAccess(deps, actor, { ...query, page, pageSize })),
};
