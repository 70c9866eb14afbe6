import type { z } from 'zod';
import { PERMISSIONS } from '../../../domain/permissions';
import type { UnitKind } from '../../../domain/org/units';
import { arraySource, pagedSource, type ListExport } from '../../app/list-export';
import type {
  AccountRequest,
  AccountRequestStatus,
  listAccountRequestsQuery,
  listUnitsQuery,
  listUsersQuery,
  Role,
  Unit,
  User,
} from '../../../shared/org';
import * as accountRequestsUc from './account-requests.usecases';
import { presentRole, presentUnit, presentUser } from './org.presenter';
import * as rolesUc from './roles.usecases';
import * as unitsUc from './units.usecases';
import * as usersUc from './users.usecases';

type UsersFilter = Omit<z.output<typeof listUsersQuery>, 'page' | 'pageSize'>;
type UnitsFilter = z.output<typeof listUnitsQuery>;
type AccountRequestsFilter = Omit<z.output<typeof listAccountRequestsQuery>, 'page' | 'pageSize'>;

const UNIT_KIND_ZH: Record<UnitKind, string> = {
  headquarters: '总部',
  region: '区域',
  store: '门店',
  department: '部门',
};
const PERMISSION_ZH = new Map(PERMISSIONS.map((p) => [p.code as string, p.nameZh]));

/** 用户 as Excel: every person of the list's filter within the caller's units (ORG-1). */
export const usersExport: ListExport<UsersFilter, User> = {
  name: 'users',
  title: '用户',
  permission: 'org.users.read',
  columns: [
    { header: '用户名', width: 16, value: (u) => u.username },
    { header: '姓名', width: 12, value: (u) => u.displayName },
    {
      header: '所属单位与角色',
      width: 40,
      value: (u) => u.memberships.map((m) => `${m.unitName}·${m.roleNameZh}`).join('；'),
    },
    { header: '手机', width: 16, value: (u) => u.phone },
    { header: '邮箱', width: 24, value: (u) => u.email },
    { header: '状态', width: 8, value: (u) => (u.status === 'active' ? '启用' : '停用') },
    { header: '锁定至', width: 18, kind: 'datetime', value: (u) => u.lockedUntil },
    { header: '创建时间', width: 18, kind: 'datetime', value: (u) => u.createdAt },
  ],
  open: (deps, actor, query) =>
    pagedSource(async (page, pageSize) => {
      const { items, total } = await usersUc.listUsers(deps, actor, { ...query, page, pageSize });
      return { items: items.map((u) => presentUser(u.user, u.memberships)), total };
    }),
};

/** 角色 as Excel: every role with its rights by name. */
export const rolesExport: ListExport<Record<string, never>, Role> = {
  name: 'roles',
  title: '角色',
  permission: 'org.roles.manage',
  columns: [
    { header: '编码', width: 22, value: (r) => r.code },
    { header: '中文名', width: 16, value: (r) => r.nameZh },
    { header: '英文名', width: 22, value: (r) => r.nameEn },
    { header: '类型', width: 8, value: (r) => (r.builtin ? '内置' : '自定义') },
    {
      header: '权限',
      width: 80,
      value: (r) => r.permissions.map((p) => PERMISSION_ZH.get(p) ?? p).join('；'),
    },
  ],
  open: async (deps) => arraySource((await rolesUc.listRoles(deps)).map(presentRole)),
};

type UnitRow = Unit & { parentName: string; pathNames: string };

/** 组织架构 as Excel: the caller's units, each with its parent and full path by name. */
export const unitsExport: ListExport<UnitsFilter, UnitRow> = {
  name: 'units',
  title: '组织架构',
  permission: 'org.units.read',
  timeZone: (u) => u.timezone,
  columns: [
    { header: '名称', width: 20, value: (u) => u.name },
    { header: '类型', width: 8, value: (u) => UNIT_KIND_ZH[u.kind] },
    { header: '编码', width: 12, value: (u) => u.code },
    { header: '上级', width: 20, value: (u) => u.parentName },
    { header: '路径', width: 48, value: (u) => u.pathNames },
    { header: '对客名称', width: 20, value: (u) => u.displayName },
    { header: '地址', width: 36, value: (u) => u.address },
    { header: '服务电话', width: 16, value: (u) => u.servicePhone },
    { header: '时区', width: 16, value: (u) => u.timezone },
    { header: '状态', width: 8, value: (u) => (u.active ? '启用' : '停用') },
  ],
  open: async (deps, actor, query) => {
    const units = (
      await unitsUc.listUnits(deps, actor, { includeInactive: query.includeInactive === 'true' })
    ).map(presentUnit);
    const names = new Map(units.map((u) => [u.id, u.name]));
    return arraySource(
      units.map((u) => ({
        ...u,
        parentName: u.parentId ? (names.get(u.parentId) ?? '') : '',
        pathNames: u.path
          .map((id) => names.get(id) ?? '')
          .filter(Boolean)
          .join(' / '),
      })),
    );
  },
};

const REQUEST_STATUS_ZH: Record<AccountRequestStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  opened: '已开户',
};

/** 开户申请 as Excel (ORG-3): every request of the chosen status within the caller's units, newest first. */
export const accountRequestsExport: ListExport<
  AccountRequestsFilter,
  AccountRequest & { roleNameZh: string }
> = {
  name: 'account_requests',
  title: '开户申请',
  permission: ['org.accounts.request', 'org.accounts.approve', 'org.accounts.open'],
  columns: [
    { header: '用户名', width: 16, value: (r) => r.username },
    { header: '姓名', width: 12, value: (r) => r.displayName },
    { header: '单位', width: 20, value: (r) => r.unitName },
    { header: '角色', width: 16, value: (r) => r.roleNameZh },
    { header: '手机', width: 16, value: (r) => r.phone },
    { header: '邮箱', width: 24, value: (r) => r.email },
    { header: '申请原因', width: 36, value: (r) => r.reason },
    { header: '状态', width: 10, value: (r) => REQUEST_STATUS_ZH[r.status] },
    { header: '申请人', width: 12, value: (r) => r.requestedBy.displayName },
    { header: '申请时间', width: 18, kind: 'datetime', value: (r) => r.requestedAt },
    { header: '审批人', width: 12, value: (r) => r.decidedBy?.displayName },
    { header: '审批时间', width: 18, kind: 'datetime', value: (r) => r.decidedAt },
    { header: '审批意见', width: 30, value: (r) => r.decisionComment },
    { header: '开户人', width: 12, value: (r) => r.openedBy?.displayName },
    { header: '开户时间', width: 18, kind: 'datetime', value: (r) => r.openedAt },
  ],
  open: async (deps, actor, query) => {
    const roleNames = new Map((await rolesUc.listRoles(deps)).map((r) => [r.id, r.nameZh]));
    return pagedSource(async (page, pageSize) => {
      const { items, total } = await accountRequestsUc.listAccountRequests(deps, actor, {
        ...query,
        page,
        pageSize,
      });
      const presented = await accountRequestsUc.presentAccountRequests(deps, items);
      return {
        items: presented.map((r) => ({ ...r, roleNameZh: roleNames.get(r.roleId) ?? r.roleCode })),
        total,
      };
    });
  },
};
