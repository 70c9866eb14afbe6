import { APPROVAL_DUE_STATE_LABELS } from '../../../shared/approvals';
import { pairsOf, pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// The approval inbox (审批). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: { inbox: ['审批', 'Approvals'] },
  title: ['审批', 'Approvals'],
  waiting: ['待我审批', 'Waiting for me'],
  mine: ['我提交的', 'Filed by me'],
  empty: ['暂无待审批事项', 'Nothing waits for you'],
  emptyMine: ['没有进行中的申请', 'No open requests'],
  requester: ['申请人', 'Requested by'],
  amount: ['金额', 'Amount'],
  stage: ['当前环节', 'Current step'],
  round: ['第 {{round}} 轮', 'Round {{round}}'],
  approve: ['批准', 'Approve'],
  sendBack: ['退回', 'Send back'],
  sendBackTitle: ['退回申请', 'Send back'],
  reason: ['退回原因', 'Reason'],
  reasonRequired: ['请写明退回原因', 'Please give a reason'],
  approved: ['已批准', 'Approved'],
  sentBack: ['已退回', 'Sent back'],
  onBehalfOf: ['代 {{name}}', 'for {{name}}'],
  open: ['查看申请', 'Open the request'],
  steps: ['审批记录', 'Steps'],
  delegations: ['代理人', 'Delegates'],
  delegateTo: ['外出期间委托给', 'While I am away, delegate to'],
  delegateFrom: ['开始', 'From'],
  delegateUntil: ['结束', 'Until'],
  delegateAdd: ['设置代理', 'Set a delegate'],
  delegateRevoke: ['取消委托', 'Revoke'],
  delegateGiven: ['{{from}} 委托 {{to}}', '{{from}} → {{to}}'],
  dueBy: ['{{when}} 前处理', 'Due {{when}}'],
  dueState: pairsOf(APPROVAL_DUE_STATE_LABELS),
  status: {
    pending: ['审批中', 'Pending'],
    approved: ['已批准', 'Approved'],
    sent_back: ['已退回', 'Sent back'],
    withdrawn: ['已撤回', 'Withdrawn'],
  },
  kind: {
    cancellation: ['取消订单', 'Cancellation'],
    return: ['退货', 'Return'],
    exchange: ['换货', 'Exchange'],
    complaint_close_out: ['投诉结案', 'Complaint close-out'],
    account_opening: ['开通账号', 'Account opening'],
    kb_answer: ['答客问发布', 'Approved answer'],
  },
};

export const approvalsI18n: ModuleBundle = {
  namespace: 'approvals',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
