import { TicketError } from '../../../domain/tickets';
import { AppError, commonErrors, defineError } from '../../app/errors';
import { routingErrors } from '../routing/routing.errors';

export const ticketErrors = {
  noPublicPost: defineError(
    'ticket.no_public_post',
    422,
    '这张工单没有登记公开帖子的链接，不能记为公开回复；请先在工单上补录原帖链接',
    'This ticket has no public post link to reply under; add the post link first (IN-9)',
  ),
  directAnswerNotApproved: defineError(
    'tickets.direct_answer_not_approved',
    422,
    '直接答复只能引用知识库中现行有效的答客问；没有可用答复的，请改为「咨询·间接回复」转相关部门',
    'A direct consultation can only be answered from a current approved answer; otherwise take it as an indirect consultation for a department (CL-2)',
  ),
  notFound: defineError('tickets.not_found', 404, '找不到该工单', 'Ticket not found'),
  unitNotFound: commonErrors.unitNotFound,
  traineeCannotTakeIntake: routingErrors.traineeCannotTakeIntake,
  idempotencyConflict: defineError(
    'tickets.idempotency_conflict',
    409,
    '该幂等键已用于另一份不同的受理内容，请换一个新键',
    'This Idempotency-Key was already used with a different request body; use a new key',
  ),
  receivedInFuture: defineError(
    'tickets.received_at_in_future',
    400,
    '受理时间不能晚于当前时间',
    'receivedAt cannot be in the future',
  ),
  salesChannelNotFound: defineError(
    'routing.sales_channel_not_found',
    404,
    '找不到该店铺/销售渠道',
    'Sales channel not found',
  ),
  assigneeNotFound: defineError('tickets.assignee_not_found', 404, '找不到该处理人', 'Assignee not found'),
  assigneeCannotSeeTicket: defineError(
    'tickets.assignee_cannot_see_ticket',
    400,
    '该人员没有查看此工单的权限，不能分派给他/她',
    'This person cannot view the ticket and cannot be assigned to it',
  ),
  teamNotFound: defineError('routing.team_not_found', 404, '找不到该小组', 'Team not found'),
  departmentNotFound: routingErrors.departmentNotFound,
  notOpen: defineError(
    'tickets.not_open',
    409,
    '工单已解决、关闭、取消或合并，不能再做此操作',
    'The ticket is resolved, closed, cancelled or merged',
  ),
  typeUnchanged: defineError(
    'tickets.type_unchanged',
    409,
    '工单类别没有变化',
    'The ticket already has this type',
  ),
  mergeIntoSelf: defineError(
    'tickets.merge_into_self',
    409,
    '工单不能合并到自己',
    'A ticket cannot be merged into itself',
  ),
  mergeTargetInvalid: defineError(
    'tickets.merge_target_invalid',
    409,
    '目标工单已取消或已被合并，不能并入',
    'The target ticket is cancelled or merged itself',
  ),
  repliesClosed: defineError(
    'tickets.replies_closed',
    409,
    '工单已关闭、取消或合并，不能再回复客户',
    'The ticket is closed, cancelled or merged; no more replies to the customer',
  ),
  closeOutRequired: defineError(
    'complaints.close_out_required',
    409,
    '投诉类工单须经结案审批流程（质量、考核、总经理）才能关闭，不能直接关闭',
    'A complaint closes only through close-out (quality lead, assessment lead, general manager) (CMP-5)',
  ),
  answerBeforeDepartmentReply: defineError(
    'tickets.answer_before_department_reply',
    409,
    '责任部门尚未回复调查结果，不能作为正式答复；如确需先答复客户，请注明不等部门回复的原因',
    "The department's findings are not in yet; an answer now needs the reason for answering without them (SLA-3)",
  ),
  satisfactionCallAlreadyMade: defineError(
    'tickets.satisfaction_call_already_made',
    409,
    '这项服务已做过满意度回访，同一服务只回访一次',
    'The satisfaction call for this service was already made; one call per service (CARE-1)',
  ),
  milestoneNotAllowed: defineError(
    'tickets.milestone_not_allowed',
    409,
    '工单已取消或合并，不能再登记处理节点',
    'The ticket is cancelled or merged; no more milestones can be recorded',
  ),
  committedTimeRequired: defineError(
    'complaints.committed_time_required',
    400,
    '二次响应须给出承诺解决时间',
    'The second response must record the committed resolution time (SLA-5)',
  ),
  committedTimeInPast: defineError(
    'complaints.committed_time_in_past',
    400,
    '承诺解决时间须晚于现在',
    'The committed resolution time must be later than now',
  ),
};

/** Ticket-core errors keep their code, status and bilingual message. */
export function fromTicketError(err: unknown): never {
  if (err instanceof TicketError)
    throw new AppError(err.code, err.status, err.messageZh, err.messageEn, err.details);
  throw err;
}
