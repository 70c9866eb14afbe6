import { TicketError } from '../../../domain/tickets';
import { AppError, defineError } from '../../app/errors';
import { routingErrors } from '../routing/routing.errors';

export const ticketErrors = {
  noPublicPost: defineError(
    'ticket.no_public_post',
    422,
    '这张工单没有登记公开帖子的链接，不能记为公开回复；请先在工单上补录原帖链接',
    'This ticket has no public post link to reply under; add the post link first (IN-9)',
  ),
  notFound: defineError('tickets.not_found', 404, '找不到该工单', 'Ticket not found'),
  unitNotFound: defineError('org.unit_not_found', 404, '找不到该组织单元', 'Organisation unit not found'),
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
};

/** Ticket-core errors keep their code, status and bilingual message. */
export function fromTicketError(err: unknown): never {
  if (err instanceof TicketError)
    throw new AppError(err.code, err.status, err.messageZh, err.messageEn, err.details);
  throw err;
}
