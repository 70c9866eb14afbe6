// 回电 / 转告 (IN-5, IN-6) for the desk, the ticket page and anyone else who takes a message.
export { TaskFormModal } from './task-form-modal';
export type { TaskPrefill } from './task-form-modal';
export * from './task-types';
