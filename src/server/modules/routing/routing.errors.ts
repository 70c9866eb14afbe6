import { commonErrors, defineError } from '../../app/errors';

export const routingErrors = {
  unitNotFound: commonErrors.unitNotFound,
  teamNotFound: defineError('routing.team_not_found', 404, '找不到该小组', 'Team not found'),
  salesChannelNotFound: defineError(
    'routing.sales_channel_not_found',
    404,
    '找不到该店铺/销售渠道',
    'Sales channel not found',
  ),
  departmentNotFound: defineError(
    'routing.department_not_found',
    404,
    '找不到该部门（须为本单元、上级或下级单元的部门）',
    'Department not found (it must be a department of this unit, of a unit above it or below it)',
  ),
  memberNotFound: defineError('routing.member_not_found', 404, '找不到该成员', 'Team member not found'),
  memberCannotSeeTickets: defineError(
    'routing.member_cannot_see_tickets',
    400,
    '该成员在本单元没有查看工单的权限，不能加入小组',
    'This person cannot view tickets in the team’s unit and cannot join the team',
  ),
  teamNameTaken: defineError(
    'routing.team_name_taken',
    409,
    '本单元已有同名小组',
    'The unit already has a team with this name',
  ),
  salesChannelNameTaken: defineError(
    'routing.sales_channel_name_taken',
    409,
    '本单元已有同名店铺/渠道',
    'The unit already has a sales channel with this name',
  ),
  duplicateKind: defineError(
    'routing.duplicate_kind',
    400,
    '同一整改类别只能设置一个责任部门',
    'Each rectification kind can be routed to one department only',
  ),
  // IN-7: shared with the tickets module, which refuses trainee intake and assignment with the same code.
  traineeCannotTakeIntake: defineError(
    'tickets.trainee_cannot_take_intake',
    403,
    '见习客服未独立上岗，不能受理来电/来访，也不能被分派工单',
    'Trainees cannot take intake or be assigned tickets until they work independently',
  ),
  teamInactive: defineError('routing.team_inactive', 409, '该小组已停用', 'This team is inactive'),
};
