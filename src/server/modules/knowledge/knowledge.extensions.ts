import { registerApprovalSubject } from '../approvals/approvals.service';
import { kbApprovalHandler, KB_VERSION_SUBJECT } from './knowledge.usecases';

/** Each version of an answer goes through the approval engine (KB-1, chain kind 'kb_answer'). */
export function registerKnowledgeExtensions(): void {
  registerApprovalSubject(KB_VERSION_SUBJECT, kbApprovalHandler);
}
