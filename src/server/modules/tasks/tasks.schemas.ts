import { z } from 'zod';
import { TASK_KINDS, TASK_STATES } from '../../../domain/tasks';

/** Request and response schemas of the task module; they also generate the OpenAPI document. */
const phone = z
  .string()
  .trim()
  .min(3)
  .max(30)
  .regex(/^[0-9+\-() ]*$/, '电话号码格式不正确 / invalid phone number');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const idParams = z.strictObject({ id: z.uuid() });

export const createTaskBody = z
  .strictObject({
    kind: z.enum(TASK_KINDS),
    unitId: z.uuid(),
    // Defaults to the person taking the call (IN-5: the agent keeps the promise).
    assigneeId: z.uuid().optional(),
    callerName: optionalText(100),
    callerPhone: phone,
    customerId: z.uuid().nullable().optional(),
    ticketId: z.uuid().nullable().optional(),
    note: optionalText(2000),
    dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine((b) => b.kind !== 'message' || (b.note ?? '').length > 0, {
    path: ['note'],
    message: '转告须写明留言内容 / a message needs its text',
  });

export const listTasksQuery = z.strictObject({
  assigneeId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  kind: z.enum(TASK_KINDS).optional(),
  state: z.enum([...TASK_STATES, 'all']).default('open'),
  due: z.enum(['today', 'overdue']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const doneBody = z.strictObject({ outcome: z.string().trim().min(1).max(2000) });
export const cancelBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const reassignBody = z.strictObject({ assigneeId: z.uuid() });

export const taskSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(TASK_KINDS),
  assigneeId: z.string(),
  createdBy: z.string(),
  callerName: z.string().nullable(),
  callerPhone: z.string(),
  customerId: z.string().nullable(),
  ticketId: z.string().nullable(),
  note: z.string().nullable(),
  dueAt: z.string(),
  escalateAt: z.string(),
  state: z.enum(TASK_STATES),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  outcome: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedTo: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const taskListResponse = z.object({ items: z.array(taskSchema), total: z.number() });
