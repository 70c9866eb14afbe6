import { defineError } from '../../app/errors';

/** Errors of department handling and complaints (CMP-*, SAT-2); codes are stable for clients. */
export const complaintErrors = {
  commitmentNeedsApprover: defineError(
    'tickets.commitment_needs_approver',
    422,
    '承诺须由有审批权的主管批准：请选择批准人',
    'A commitment needs an approver who may approve commitments (a supervisor)',
  ),
  noResponsibleDepartment: defineError(
    'tickets.no_responsible_department',
    409,
    '该工单还没有责任部门，请先分派部门',
    'The ticket has no responsible department yet',
  ),
  departmentReplyForbidden: defineError(
    'tickets.department_reply_forbidden',
    403,
    '只有责任部门的人员才能填写部门回复',
    'Only the responsible department may file the department reply',
  ),
  committedDateInPast: defineError(
    'tickets.committed_date_in_past',
    400,
    '承诺完成日期不能早于今天',
    'The committed date cannot be before today',
  ),
  responsiblePersonNotFound: defineError(
    'tickets.responsible_person_not_found',
    404,
    '找不到该责任人',
    'Responsible person not found',
  ),
  notApplicable: defineError(
    'complaints.not_applicable',
    409,
    '此类工单没有投诉记录',
    'This type of ticket has no complaint record',
  ),
  notSerious: defineError(
    'complaints.not_serious',
    409,
    '不属于严重投诉，无须召开原因分析会',
    'Not a serious complaint: no cause-analysis meeting is needed',
  ),
  closeOutNotAllowed: defineError(
    'complaints.close_out_not_allowed',
    409,
    '工单须先处理完毕（已解决）且没有待审批的结案申请，才能申请结案',
    'Close-out needs a resolved ticket without a pending close-out request',
  ),
  noPendingCloseOut: defineError(
    'complaints.no_pending_close_out',
    409,
    '没有待审批的结案申请',
    'There is no close-out request waiting for approval',
  ),
  evaluationNotAllowed: defineError(
    'complaints.evaluation_not_allowed',
    409,
    '工单处理完毕（已解决或已关闭）后才能登记客户评价',
    'The customer evaluates only a resolved or closed ticket',
  ),
  notPraise: defineError(
    'complaints.not_praise',
    409,
    '只有表扬类工单才能登记被表扬人',
    'Only a praise ticket names praised employees',
  ),
  employeeNotFound: defineError('complaints.employee_not_found', 404, '找不到该员工', 'Employee not found'),
  departmentNotFound: defineError(
    'routing.department_not_found',
    404,
    '找不到该部门',
    'Department not found',
  ),
};
