import type { z } from 'zod';
import { arraySource, type ListExport } from '../../app/list-export';
import { labelsIn } from '../../../shared/common';
import {
  CLOSE_OUT_STAGE_LABELS,
  type CloseOutItem,
  type closeOutsQuery,
  type departmentInboxQuery,
  type InboxItem,
} from '../../../shared/complaints';
import { EVALUATION_LABELS } from '../../../shared/reports';
import { SLA_TARGET_STATE_LABELS } from '../../../shared/sla';
import { TICKET_TYPE_LABELS } from '../../../shared/tickets';
import { presentCloseOuts, presentInbox } from './complaints.presenter';
import { listCloseOuts } from './complaints.queries';
import { departmentInbox } from './department-replies.usecases';

const TYPE_ZH = labelsIn(TICKET_TYPE_LABELS, 'zh');
const STAGE_ZH = labelsIn(CLOSE_OUT_STAGE_LABELS, 'zh');
const EVALUATION_ZH = labelsIn(EVALUATION_LABELS, 'zh');
const TARGET_ZH = labelsIn(SLA_TARGET_STATE_LABELS, 'zh');

/** 投诉结案 as Excel (CMP-5): the worklist's view (mine, under way, filed) with each step's words. */
export const closeOutsExport: ListExport<z.output<typeof closeOutsQuery>, CloseOutItem> = {
  name: 'close_outs',
  title: '投诉结案',
  permission: 'tickets.read',
  columns: [
    { header: '工单号', width: 18, value: (r) => r.ticket.number },
    { header: '类型', width: 12, value: (r) => TYPE_ZH[r.ticket.type] },
    { header: '主题', width: 36, value: (r) => r.ticket.subject },
    { header: '门店', width: 16, value: (r) => r.ticket.unit.name },
    { header: '结案进度', width: 20, value: (r) => (r.stage ? STAGE_ZH[r.stage] : '未申请') },
    { header: '申请人', width: 10, value: (r) => r.requestedBy?.name },
    { header: '申请时间', width: 18, kind: 'datetime', value: (r) => r.requestedAt },
    { header: '质量负责人意见', width: 36, value: (r) => r.qualityOpinion },
    {
      header: '绩效考核',
      width: 30,
      value: (r) => (r.assessmentCounts === false ? '不计入考核' : r.assessmentNote),
    },
    { header: '审批人', width: 10, value: (r) => r.approvedBy?.name },
    { header: '审批时间', width: 18, kind: 'datetime', value: (r) => r.approvedAt },
    { header: '最近退回原因', width: 30, value: (r) => r.lastReturn?.reason },
    { header: '客户评价', width: 10, value: (r) => (r.evaluation ? EVALUATION_ZH[r.evaluation] : null) },
  ],
  open: async (deps, actor, query) =>
    arraySource(await presentCloseOuts(deps, actor, await listCloseOuts(deps, actor, query))),
};

/** 部门待办 as Excel (CMP-3, SLA-3): what the departments owe and by when, as the inbox lists it. */
export const departmentInboxExport: ListExport<z.output<typeof departmentInboxQuery>, InboxItem> = {
  name: 'department_inbox',
  title: '部门待办',
  permission: 'tickets.read',
  columns: [
    { header: '工单号', width: 18, value: (r) => r.number },
    { header: '类型', width: 12, value: (r) => TYPE_ZH[r.type] },
    { header: '主题', width: 36, value: (r) => r.subject },
    { header: '来自门店', width: 16, value: (r) => r.unit.name },
    { header: '部门', width: 14, value: (r) => r.assigneeDepartment?.name },
    { header: '接诉人', width: 10, value: (r) => r.intakeAgent?.name },
    { header: '受理时间', width: 18, kind: 'datetime', value: (r) => r.receivedAt },
    { header: '回复期限', width: 18, kind: 'datetime', value: (r) => r.departmentReply?.dueAt },
    {
      header: '回复时限',
      width: 14,
      value: (r) =>
        r.departmentReply
          ? r.departmentReply.overdue
            ? '已超时'
            : TARGET_ZH[r.departmentReply.state]
          : null,
    },
  ],
  open: async (deps, actor, query) => {
    const inbox = await presentInbox(deps, actor, await departmentInbox(deps, actor, query.departmentId));
    return arraySource(inbox.items);
  },
};
