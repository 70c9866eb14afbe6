import type { CloseOutStep } from '../../../domain/tickets/close-out';
import { AppError, defineError } from '../../app/errors';

/** The owner of each close-out step, as the messages name them. */
const STEP_OWNER: Record<CloseOutStep, [zh: string, en: string]> = {
  quality_opinion: ['质量负责人', 'the quality lead'],
  assessment: ['绩效考核负责人', 'the performance-assessment lead'],
  approval: ['总经理', 'the general manager'],
};

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
    '按本单位的原因分析会启动规则，这件投诉无须召开原因分析会',
    "Under the unit's cause-analysis rule this complaint needs no cause-analysis meeting",
  ),
  closeOutNotApplicable: defineError(
    'complaints.close_out_not_applicable',
    409,
    '只有投诉和整改类工单需要办理结案流程',
    'Only complaints and rectifications go through close-out',
  ),
  closeOutNotResolved: defineError(
    'complaints.close_out_not_resolved',
    409,
    '工单须处理完毕（已解决）才能办理结案；如工单已重新打开，请处理完毕后重新申请结案',
    'Close-out needs a resolved ticket; a reopened ticket asks for close-out again once resolved',
  ),
  closeOutNotAllowed: defineError(
    'complaints.close_out_not_allowed',
    409,
    '结案流程已在办理中（或已归档），不能重复申请',
    'A close-out is already under way (or filed); it cannot be asked for again',
  ),
  closeOutFiled: defineError(
    'complaints.close_out_filed',
    409,
    '这件投诉已结案归档',
    'This complaint is already closed out and filed',
  ),
  closeOutOutOfOrder: defineError(
    'complaints.close_out_out_of_order',
    409,
    '还没轮到这一步：结案须依次经质量负责人、绩效考核负责人、总经理办理',
    'Not this step’s turn: close-out goes to the quality lead, the assessment lead, then the general manager',
  ),
  closeOutTextRequired: defineError(
    'complaints.close_out_text_required',
    400,
    '请填写这一步的意见或确认内容',
    'This step needs its text (the opinion or the confirmation)',
  ),
  closeOutAssessmentNoteWhenNotCounted: defineError(
    'complaints.close_out_assessment_note_not_counted',
    400,
    '本次投诉不计入考核，不应填写考核说明：请清空考核说明，或打开“计入责任部门绩效考核”',
    'The complaint does not count in the assessment, so it takes no assessment note: clear the note or turn the switch on',
  ),
  /** 403: the actor lacks the step's permission at the ticket's unit. */
  closeOutStepForbidden: (step: CloseOutStep, permission: string) =>
    new AppError(
      'complaints.close_out_step_forbidden',
      403,
      `这一步须由本单位的${STEP_OWNER[step][0]}办理，您没有这项权限`,
      `This step belongs to ${STEP_OWNER[step][1]} of the ticket's unit; you do not hold its permission`,
      { step, permission },
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
