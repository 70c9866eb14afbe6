import { can } from '../../../domain/permissions';
import { registerApprovalSubject } from '../approvals/approvals.service';
import { registerAttachmentSubject } from '../attachments/attachments.service';
import { findUnit } from '../org/org.service';
import { registerApprovedAnswerSource } from '../tickets/tickets.service';
import { getCase, KB_CASE_SUBJECT } from './knowledge.cases';
import { kbApprovalHandler, KB_VERSION_SUBJECT, useForDirectAnswer } from './knowledge.usecases';

/**
 * Each version of an answer goes through the approval engine (KB-1, chain kind 'kb_answer'); a
 * case keeps its photos as attachments (KB-2).
 */
export function registerKnowledgeExtensions(): void {
  registerApprovalSubject(KB_VERSION_SUBJECT, kbApprovalHandler);
  // CL-2: a direct consultation closed at intake is answered from a current approved answer.
  registerApprovedAnswerSource(useForDirectAnswer);
  registerAttachmentSubject(KB_CASE_SUBJECT, {
    unitOf: async (deps, actor, id) => {
      const row = await getCase(deps, actor, id);
      return (await findUnit(deps.db, row.unitId))!.path;
    },
    canWrite: (_deps, actor, _id, unitPath) => can(actor.grants, 'knowledge.manage', unitPath),
  });
}
