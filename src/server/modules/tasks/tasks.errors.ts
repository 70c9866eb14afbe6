import { commonErrors, defineError } from '../../app/errors';

export const taskErrors = {
  notFound: defineError('task.not_found', 404, '找不到该待办', 'Task not found'),
  unitNotFound: commonErrors.unitNotFound,
  assigneeNotFound: defineError(
    'task.assignee_not_found',
    404,
    '找不到该同事，或其不属于本单元',
    'No such colleague in this unit',
  ),
  assigneeDisabled: defineError(
    'task.assignee_disabled',
    422,
    '该同事的账号已停用，请交给其他同事',
    'This colleague’s account is disabled; give the task to someone else',
  ),
  traineeCannotCallBack: defineError(
    'task.trainee_cannot_take_call_back',
    422,
    '见习客服尚未独立上岗，不能接手客户回电，可以给他留言转告',
    'Trainees cannot take call-backs to customers (IN-7); a message for them is fine',
  ),
  dueInPast: defineError(
    'task.due_in_past',
    400,
    '截止时间不能早于现在',
    'The deadline must lie in the future',
  ),
  notOpen: defineError(
    'task.not_open',
    409,
    '该待办已完成或已取消，不能再处理',
    'This task is already done or cancelled',
  ),
};
