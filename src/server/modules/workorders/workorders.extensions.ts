/**
 * What the work-order module lends others at start-up: work orders carry attachments — photos
 * before and after, and the customers' signatures (stored by this module); their quotes and field
 * records are subjects of the approval engine.
 */
import { and, inArray, notInArray } from 'drizzle-orm';
import { FINAL_WORK_ORDER_STATES, isFinal } from '../../../domain/workorders';
import { registerApprovalSubject } from '../approvals/approvals.service';
import { registerAttachmentSubject } from '../attachments/attachments.service';
import { registerSlaSubject } from '../sla/sla.service';
import { visibleWorkOrder } from './workorders.access';
import {
  FIELD_RECORD_SUBJECT,
  fieldRecordApprovalHandler,
  QUOTE_SUBJECT,
  quoteApprovalHandler,
} from './workorders.approvals';
import { workOrderErrors } from './workorders.errors';
import { rolesOn } from './workorders.policy';
import { loadWorkOrder } from './workorders.repository';
import { workOrders } from './workorders.table';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerWorkOrderExtensions(): void {
  // PAY-3 quotes and REP-8 field-service records go through the approval engine (decision 0016).
  registerApprovalSubject(QUOTE_SUBJECT, quoteApprovalHandler);
  registerApprovalSubject(FIELD_RECORD_SUBJECT, fieldRecordApprovalHandler);
  registerAttachmentSubject('work_order', {
    async unitOf(deps, actor, subjectId) {
      if (!UUID.test(subjectId)) throw workOrderErrors.notFound();
      return (await visibleWorkOrder(deps.db, actor, subjectId)).unit.path;
    },
    // The dispatcher and the order's own technician add photos; nobody changes a closed order's files.
    async canWrite(deps, actor, subjectId, unitPath) {
      const loaded = await loadWorkOrder(deps.db, subjectId);
      if (!loaded || isFinal(loaded.order.state)) return false;
      return rolesOn(actor, { unitPath, technicianId: loaded.order.technicianId }).some(
        (r) => r === 'dispatcher' || r === 'technician',
      );
    },
  });

  // SLA-10: the escalation job asks which orders are still open; a closed or cancelled one escalates nothing.
  registerSlaSubject(
    'work_order',
    async (db, ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return new Set();
      const rows = await db
        .select({ id: workOrders.id })
        .from(workOrders)
        .where(
          and(inArray(workOrders.id, valid), notInArray(workOrders.state, [...FINAL_WORK_ORDER_STATES])),
        );
      return new Set(rows.map((r) => r.id));
    },
    async (db, ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return new Map();
      const rows = await db
        .select({ id: workOrders.id, number: workOrders.number, problem: workOrders.problem })
        .from(workOrders)
        .where(inArray(workOrders.id, valid));
      return new Map(rows.map((r) => [r.id, { number: r.number, title: r.problem }]));
    },
  );
}
