import { commonErrors, defineError } from '../../app/errors';

export const careErrors = {
  notFound: defineError('care.task_not_found', 404, '找不到该回访任务', 'Care task not found'),
  unitNotFound: commonErrors.unitNotFound,
  ruleNotFound: defineError('care.rule_not_found', 404, '找不到该关怀规则', 'Care rule not found'),
  objectionNotFound: defineError(
    'care.objection_not_found',
    404,
    '找不到该异议应答',
    'Objection answer not found',
  ),
  objectionsMoved: defineError(
    'care.objections_moved',
    410,
    '常见异议答复已移至知识库（类别「常见异议答复」），请在知识库中新增或修改，经审核后显示在回访话术旁',
    'Objection answers moved to the knowledge base (kind "objection"); write them there, they show beside the script once approved',
  ),
  claimedByOther: defineError(
    'care.task_claimed',
    409,
    '该回访任务已被同事领取，正在处理中，请选择其他任务',
    'A colleague has already claimed this follow-up and is working on it; pick another task',
  ),
  ownedByOther: defineError(
    'care.task_owned_by_other',
    409,
    '这通满意度回访由服务负责人本人拨打，不可多人重复回访',
    'This satisfaction call is made by the service’s owner only; no second person calls for the same service',
  ),
  notClaimed: defineError(
    'care.task_not_claimed',
    409,
    '请先领取该任务再记录回访结果',
    'Claim the task before recording an outcome',
  ),
  workOrderNotFound: defineError(
    'care.work_order_not_found',
    404,
    '找不到该服务单，请核对单号',
    'Work order not found; check the number',
  ),
  workNotDone: defineError(
    'care.work_not_done',
    409,
    '服务单尚未完工，车辆/物品还不能登记出厂',
    'The work order is not finished yet; the vehicle/item cannot be recorded as having left',
  ),
  alreadyLeft: defineError(
    'care.already_left',
    409,
    '该服务单已登记过出厂',
    'This work order’s departure is already recorded',
  ),
  notALetter: defineError(
    'care.task_not_a_letter',
    409,
    '只有寄信任务可以登记“已寄出”',
    'Only a letter task can be marked as sent',
  ),
  timeInFuture: defineError(
    'care.time_in_future',
    400,
    '时间不能晚于现在',
    'The time cannot be in the future',
  ),
  notOpen: defineError('care.task_not_open', 409, '该任务已处理完毕', 'This task is already finished'),
  callBackTimeRequired: defineError(
    'care.call_back_time_required',
    400,
    '“约定再联系”需要填写回电时间，且须晚于现在',
    '"Call back at…" needs a time later than now',
  ),
  invalidRule: defineError('care.rule_invalid', 400, '关怀规则设置有误', 'The care rule is not valid'),
  shippedRuleCannotBeDeleted: defineError(
    'care.rule_shipped',
    409,
    '系统预置规则不能删除，可以停用或恢复默认',
    'A shipped rule cannot be deleted; switch it off or restore the default instead',
  ),
  /** RPT-4: a report period that ends before it starts (the reports' shared code). */
  periodReversed: defineError(
    'reports.range_reversed',
    400,
    '结束日期不能早于开始日期',
    'The period ends before it starts',
  ),
};
