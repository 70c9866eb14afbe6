import type { z } from 'zod';
import { labelsIn } from '../../../shared/common';
import { MEMBER_LEVEL_LABELS, type Member, type membersQuery } from '../../../shared/members';
import { pagedSource, type ListExport } from '../../app/list-export';
import { listMembers } from './members.usecases';

type MembersFilter = Omit<z.output<typeof membersQuery>, 'page' | 'pageSize'>;
const LEVEL_ZH = labelsIn(MEMBER_LEVEL_LABELS, 'zh');

/** 会员名册 as Excel: the members list's filter, in its scope and order; personal data, so it asks why (CUS-3). */
export const membersExport: ListExport<MembersFilter, Member> = {
  name: 'members',
  title: '会员名册',
  permission: 'members.read',
  asksReason: true,
  columns: [
    { header: '会员号', width: 14, value: (m) => m.memberNumber },
    { header: '姓名', width: 14, value: (m) => m.customerName },
    { header: '等级', width: 10, value: (m) => LEVEL_ZH[m.level] },
    { header: '入会日期', width: 12, value: (m) => m.joinedOn },
    { header: '积分余额', width: 10, kind: 'integer', value: (m) => m.balance },
    { header: '所属单位', width: 18, value: (m) => m.unitName },
  ],
  open: (deps, actor, query) =>
    pagedSource((page, pageSize) => listMembers(deps, actor, { ...query, page, pageSize })),
};
