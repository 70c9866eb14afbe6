/** Public API of the task rules (待办: call-backs and messages). */
export {
  CALL_BACK_ESCALATION_GRACE_WORKING_MINUTES,
  MESSAGE_ESCALATION_WORKING_MINUTES,
  TASK_KINDS,
  TASK_STATES,
  escalationDue,
  isOverdue,
  stateAfter,
  taskActionAllowed,
  taskDeadlines,
} from './tasks';
export type { TaskAction, TaskDeadlines, TaskKind, TaskState } from './tasks';
