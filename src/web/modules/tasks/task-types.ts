// Shapes of the tasks API (src/server/modules/tasks/tasks.schemas.ts): call-backs (IN-5) and
// messages for colleagues (IN-6).

export type TaskKind = 'call_back' | 'message';
export type TaskState = 'open' | 'done' | 'cancelled';

export interface Task {
  id: string;
  unitId: string;
  kind: TaskKind;
  assigneeId: string;
  createdBy: string;
  callerName: string | null;
  callerPhone: string;
  customerId: string | null;
  ticketId: string | null;
  note: string | null;
  dueAt: string;
  escalateAt: string;
  state: TaskState;
  overdue: boolean;
  doneAt: string | null;
  doneBy: string | null;
  outcome: string | null;
  escalatedAt: string | null;
  escalatedTo: string[];
  createdAt: string;
  updatedAt: string;
}

export const TASKS = '/api/v1/tasks';
export const TASKS_KEY = 'tasks';
