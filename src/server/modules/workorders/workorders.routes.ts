import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import * as uc from './workorders.usecases';
import { quotesWaitingForFinance } from './quotes-waiting';
import { workOrderErrors } from './workorders.errors';
import { listWorkOrders, workOrderDetail } from './workorders.queries';
import { appointmentsOf } from './workorders.repository';
import { visibleWorkOrder } from './workorders.access';
import * as s from './workorders.schemas';
import { displayNames, unitContact } from '../org/org.service';
import { customerLinkRead, customerLinkWrite, needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { workOrdersExport } from './workorders.export';

/** Work orders, dispatch and field work (REP-1…REP-9, PAY-3/4, PORTAL-2): validate → use case → detail. */
export function workOrdersRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['workorders'];
    // The detail shows the contact number whole to the order's dispatcher, technician and verifier,
    // who must call the customer; workOrderDetail decides per order (CUS-4).
    fastify.addHook('onRoute', (route) => {
      route.config = { ...route.config, revealsNumbers: 'the people working the order call the customer' };
    });
    const detail = (req: Parameters<typeof actorOf>[0], id: string) =>
      workOrderDetail(deps, actorOf(req), id);

    app.post(
      '/workorders',
      {
        config: needs('workorders.create'),
        schema: { response: { 201: s.workOrderSchema }, tags, body: s.createBody },
      },
      async (req, reply) => {
        const id = await uc.createWorkOrder(deps, actorOf(req), req.body);
        return reply.code(201).send(await detail(req, id));
      },
    );
    app.get(
      '/workorders',
      {
        config: needs('workorders.read'),
        schema: { response: { 200: s.workOrderListSchema }, tags, querystring: s.listQuery },
      },
      async (req) => {
        const { mine, verificationOverdue, ...rest } = req.query;
        return listWorkOrders(deps, actorOf(req), {
          ...rest,
          mine: mine === 'true',
          verificationOverdue: verificationOverdue === 'true',
        });
      },
    );
    registerListExport(
      fastify,
      deps,
      '/workorders/export.xlsx',
      s.listQuery.omit({ page: true, pageSize: true }),
      workOrdersExport,
      tags,
    );
    app.get(
      '/workorders/dispatch-board',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.dispatchBoardSchema }, tags, querystring: s.boardQuery },
      },
      async (req) => uc.dispatchBoard(deps, actorOf(req), req.query.unitId, req.query.date),
    );
    app.get(
      '/workorders/technicians',
      {
        config: needs('workorders.read'),
        schema: { response: { 200: s.techniciansSchema }, tags, querystring: s.techniciansQuery },
      },
      async (req) => ({
        items: await uc.listTechnicians(deps, actorOf(req), req.query.unitId),
      }),
    );
    app.get(
      '/workorders/linkable-orders',
      {
        config: needs('workorders.read'),
        schema: {
          tags,
          description:
            '可关联的客户订单（最新 50 张） / The customer’s sales orders a work order may be linked to (SAT-1)',
          querystring: s.linkableOrdersQuery,
          response: { 200: s.linkableOrderListSchema },
        },
      },
      async (req) => ({ items: await uc.listLinkableOrders(deps, actorOf(req), req.query.customerId) }),
    );
    app.get(
      '/workorders/field-service-units',
      {
        config: needs('workorders.create'),
        schema: { response: { 200: s.fieldServiceUnitsSchema }, tags, querystring: s.techniciansQuery },
      },
      async (req) => ({
        items: await uc.listFieldServiceUnits(deps, actorOf(req), req.query.unitId),
      }),
    );
    app.put(
      '/workorders/technicians/:userId',
      {
        config: needs('workorders.dispatch'),
        schema: {
          response: { 200: s.technicianProfileSchema },
          tags,
          params: s.userParams,
          body: s.technicianBody,
        },
      },
      async (req) => uc.setTechnicianProfile(deps, actorOf(req), req.params.userId, req.body),
    );
    app.get(
      '/workorders/:id',
      {
        config: needs('workorders.read'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams },
      },
      async (req) => detail(req, req.params.id),
    );
    app.patch(
      '/workorders/:id',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.updateBody },
      },
      async (req) => {
        await uc.updateWorkOrderDetails(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/service-class',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.serviceClassBody },
      },
      async (req) => {
        await uc.setServiceClass(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/class-opinion',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.classOpinionBody },
      },
      async (req) => {
        await uc.recordClassOpinion(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/assign',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.assignResultSchema }, tags, params: s.idParams, body: s.assignBody },
      },
      async (req) => {
        const { order: _order, ...facts } = await uc.assignTechnician(
          deps,
          actorOf(req),
          req.params.id,
          req.body,
        );
        const conflicts = facts.conflicts.map((c) => ({
          ...c,
          start: c.start.toISOString(),
          end: c.end.toISOString(),
        }));
        return { workOrder: await detail(req, req.params.id), ...facts, conflicts };
      },
    );
    app.post(
      '/workorders/:id/appointment',
      {
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: {
          response: { 200: s.appointmentResultSchema },
          tags,
          params: s.idParams,
          body: s.appointmentBody,
        },
      },
      async (req) => {
        const { warnings } = await uc.agreeAppointment(deps, actorOf(req), req.params.id, req.body);
        return { workOrder: await detail(req, req.params.id), warnings };
      },
    );
    app.post(
      '/workorders/:id/reschedule',
      {
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: {
          response: { 200: s.appointmentResultSchema },
          tags,
          params: s.idParams,
          body: s.rescheduleBody,
        },
      },
      async (req) => {
        const { warnings } = await uc.rescheduleAppointment(deps, actorOf(req), req.params.id, req.body);
        return { workOrder: await detail(req, req.params.id), warnings };
      },
    );
    app.post(
      '/workorders/:id/return-appointment',
      {
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: {
          response: { 200: s.appointmentResultSchema },
          tags,
          params: s.idParams,
          body: s.appointmentBody,
        },
      },
      async (req) => {
        const { warnings } = await uc.bookReturn(deps, actorOf(req), req.params.id, req.body);
        return { workOrder: await detail(req, req.params.id), warnings };
      },
    );
    app.get(
      '/workorders/:id/appointments',
      {
        config: needs('workorders.read'),
        schema: { response: { 200: s.appointmentHistorySchema }, tags, params: s.idParams },
      },
      async (req) => {
        await visibleWorkOrder(deps.db, actorOf(req), req.params.id);
        const rows = await appointmentsOf(deps.db, req.params.id);
        const names = await displayNames(
          deps.db,
          rows.map((r) => r.by),
        );
        return {
          items: rows.map((r) => ({
            kind: r.kind,
            start: r.start.toISOString(),
            end: r.end.toISOString(),
            reason: r.reason,
            customerConsent: r.customerConsent,
            by: { id: r.by, name: names.get(r.by) ?? '' },
            at: r.at.toISOString(),
          })),
        };
      },
    );
    app.post(
      '/workorders/:id/checklist',
      {
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.checklistBody },
      },
      async (req) => {
        await uc.recordChecklist(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/depart',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.emptyBody },
      },
      async (req) => {
        await uc.depart(deps, actorOf(req), req.params.id);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/late',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.lateBody },
      },
      async (req) => {
        await uc.reportLate(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/arrive',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.emptyBody },
      },
      async (req) => {
        await uc.arrive(deps, actorOf(req), req.params.id);
        return detail(req, req.params.id);
      },
    );
    app.put(
      '/workorders/:id/parts',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.partsBody },
      },
      async (req) => {
        await uc.recordParts(deps, actorOf(req), req.params.id, req.body.items);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/visit',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.visitBody },
      },
      async (req) => {
        await uc.recordVisit(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/finish',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.finishBody },
      },
      async (req) => {
        const { acceptance, faultCause, diagnosis, ...visit } = req.body;
        await uc.finishVisit(deps, actorOf(req), req.params.id, { visit, diagnosis, faultCause, acceptance });
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/carry-in',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.carryInBody },
      },
      async (req) => {
        await uc.carryIn(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/deliver',
      {
        config: needs('workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.deliverBody },
      },
      async (req) => {
        const { acceptance, workDone, minutesSpent, notes } = req.body;
        const visit =
          workDone !== undefined ? { workDone, minutesSpent: minutesSpent ?? 0, notes } : undefined;
        await uc.deliverReturn(deps, actorOf(req), req.params.id, { visit, acceptance });
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/verify',
      {
        config: needs('workorders.verify'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.noteBody },
      },
      async (req) => {
        await uc.verifyWorkOrder(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/close',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.noteBody },
      },
      async (req) => {
        await uc.closeWorkOrder(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/cancel',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.cancelBody },
      },
      async (req) => {
        await uc.cancelWorkOrder(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/approvals',
      {
        config: needs('workorders.approve'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.approvalBody },
      },
      async (req) => {
        // REP-8 on the approval engine: the stage named must be the one the request waits on.
        await uc.decideFieldRecordStage(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/field-record/submit',
      {
        config: needs('workorders.dispatch'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams },
      },
      async (req) => {
        await uc.submitFieldRecordCommand(deps, actorOf(req), req.params.id);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/quote/sign',
      {
        // PAY-3: on the dispatcher's screen or the order's technician's phone.
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.quoteSignBody },
      },
      async (req) => {
        await uc.signQuote(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.get(
      '/workorders/quotes-waiting-finance',
      {
        config: needs('workorders.read'),
        schema: { response: { 200: s.waitingQuoteListSchema }, tags, querystring: s.waitingQuotesQuery },
      },
      async (req) => quotesWaitingForFinance(deps, actorOf(req), req.query),
    );
    app.get(
      '/workorders/payments',
      {
        config: needs('pricing.confirm_service'),
        schema: { response: { 200: s.paymentListSchema }, tags, querystring: s.paymentsQuery },
      },
      async (req) => uc.listPayments(deps, actorOf(req), req.query),
    );
    app.post(
      '/workorders/:id/payment/handover',
      {
        config: needs('pricing.confirm_service'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.handoverBody },
      },
      async (req) => {
        await uc.handOverPayment(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/payment/invoice-mailed',
      {
        config: needs('pricing.confirm_service'),
        schema: {
          response: { 200: s.workOrderSchema },
          tags,
          params: s.idParams,
          body: s.invoiceMailedBody,
        },
      },
      async (req) => {
        await uc.recordInvoiceMailed(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.put(
      '/workorders/:id/quote',
      {
        // The dispatcher drafts it; the order's technician on site records the charges (REP-5).
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.quoteBody },
      },
      async (req) => {
        await uc.draftQuote(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/quote/:step',
      {
        config: needs(
          'workorders.dispatch',
          'workorders.approve',
          'pricing.confirm_service',
          'pricing.confirm_parts',
        ),
        schema: {
          response: { 200: s.workOrderSchema },
          tags,
          params: s.quoteStepParams,
          body: s.quoteStepBody,
        },
      },
      async (req) => {
        await uc.quoteStep(deps, actorOf(req), req.params.id, req.params.step, req.body ?? {});
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/customer-requests/:requestId/confirm',
      {
        config: needs('workorders.dispatch'),
        schema: {
          response: { 200: s.workOrderSchema },
          tags,
          params: s.customerRequestParams,
          body: s.confirmRequestBody,
        },
      },
      async (req) => {
        await uc.confirmCustomerRequest(deps, actorOf(req), req.params.id, req.params.requestId, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/customer-requests/:requestId/decline',
      {
        config: needs('workorders.dispatch'),
        schema: {
          response: { 200: s.workOrderSchema },
          tags,
          params: s.customerRequestParams,
          body: s.declineRequestBody,
        },
      },
      async (req) => {
        await uc.declineCustomerRequest(deps, actorOf(req), req.params.id, req.params.requestId, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/payment',
      {
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: { response: { 200: s.workOrderSchema }, tags, params: s.idParams, body: s.paymentBody },
      },
      async (req) => {
        await uc.recordPayment(deps, actorOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/workorders/:id/customer-link',
      // The dispatcher texts the link; the technician on site hands the phone over. The use case
      // checks that the caller dispatches this order's unit or is its technician.
      {
        config: needs('workorders.dispatch', 'workorders.work'),
        schema: { tags, params: s.idParams, body: s.linkBody, response: { 201: s.customerLinkSchema } },
      },
      async (req, reply) => {
        const link = await uc.createWorkOrderLink(deps, actorOf(req), req.params.id, req.body);
        return reply.code(201).send({ ...link, expiresAt: link.expiresAt.toISOString() });
      },
    );
    app.get(
      '/workorders/:id/print',
      {
        config: needs('workorders.read'),
        schema: { response: { 200: s.printDataSchema }, tags, params: s.idParams, querystring: s.printQuery },
      },
      async (req) => {
        const workOrder = await detail(req, req.params.id);
        if (req.query.form === 'receipt' && !workOrder.receipt) throw workOrderErrors.noReceipt();
        // The form is headed by the store or company the customer deals with, never a department.
        const contact = await unitContact(deps.db, workOrder.unitId);
        return {
          form: req.query.form,
          generatedAt: deps.clock.now().toISOString(),
          company: {
            unitName: contact?.name ?? workOrder.unitName,
            unitPhone: contact?.servicePhone ?? null,
            address: contact?.address ?? null,
          },
          workOrder,
          shortUrl: `/workorders/${workOrder.id}`,
        };
      },
    );

    // PORTAL-2: the customer's page; no session — the link token is the credential.
    app.get(
      '/public/workorders/:token',
      {
        config: customerLinkRead('the work-order link token'),
        schema: { response: { 200: s.publicWorkOrderSchema }, tags, params: s.tokenParams },
      },
      async (req) => uc.publicWorkOrder(deps, req.params.token),
    );
    app.post(
      '/public/workorders/:token/acceptance',
      {
        config: customerLinkWrite('the work-order link token'),
        schema: {
          response: { 200: s.publicAcceptanceSchema },
          tags,
          params: s.tokenParams,
          body: s.acceptanceBody,
        },
      },
      async (req) => uc.publicAcceptance(deps, req.params.token, req.body),
    );
    app.post(
      '/public/workorders/:token/requests',
      {
        // The token is the credential; the use case also caps requests per order.
        config: customerLinkWrite('the work-order link token'),
        schema: {
          response: { 201: s.publicRequestSchema },
          tags,
          params: s.tokenParams,
          body: s.customerRequestBody,
        },
      },
      async (req, reply) => {
        const row = await uc.submitCustomerRequest(deps, req.params.token, req.body);
        return reply.code(201).send({ id: row.id, kind: row.kind, state: 'pending' as const });
      },
    );
  };
}
