/**
 * Reading work orders: the detail answer (everything the detail page, the technician's phone and
 * the printed forms need), the list, and what the caller may do next (allowedActions).
 */
import { acceptanceFormOf, presentAcceptance } from './workorders.acceptance';
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { maskPhone } from '../../../domain/customers/phone';
import { can } from '../../../domain/permissions';
import { localDateOf } from '../../../domain/calendar';
import {
  actionsAvailable,
  appointmentWarnings,
  isEditable,
  isSettled,
  type Checker,
  type CustomerRequestKind,
  type WorkOrderState,
} from '../../../domain/workorders';
import { effectiveCalendar } from '../calendar/calendar.service';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { loadChildren, customerNames } from '../customers/customers.service';
import { unitNames, unitsWithin, displayNames } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { targetsOf } from '../sla/sla.service';
import { loadTicket } from '../tickets/tickets.service';
import { visibleWorkOrder } from './workorders.access';
import { serviceClassFor, WORK_ORDER_SUBJECT } from './workorders.create';
import { missingDispatchFacts, namedFacts } from './workorders.facts';
import { linksOf } from './workorders.links';
import { dayBounds } from './workorders.field';
import { listScope, rolesOn } from './workorders.policy';
import { orderDetails, ROW_COLUMNS, type WorkOrderListRow, type WorkOrderRow } from './workorders.repository';
import { presentQuote, quoteOf } from './pricing.usecases';
import { fieldRecordDecisions, QUOTE_SUBJECT, requestOf } from './workorders.approvals';
import { rolesAt } from '../approvals/approvals.service';
import {
  customerRequestsOf,
  pendingRequestKinds,
  type CustomerRequestRow,
} from './workorders.customer-requests';
import { workOrders } from './workorders.table';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Name and phone of people (technicians) by id; the org module has a names helper only. */
export async function peopleOf(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, { id: string; name: string; phone: string | null }>();
  const rows = await db
    .select({ id: users.id, name: users.displayName, phone: users.phone })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The short row of lists and the dispatch board. */
export function presentRow(
  o: WorkOrderListRow,
  names: {
    units: Map<string, string>;
    customers: Map<string, string>;
    people: Awaited<ReturnType<typeof peopleOf>>;
    /** Kinds of the customer's requests waiting for staff (the 需确认 badge). */
    pending?: Map<string, CustomerRequestKind[]>;
  },
) {
  const tech = o.technicianId ? names.people.get(o.technicianId) : undefined;
  return {
    id: o.id,
    number: o.number,
    unitId: o.unitId,
    unitName: names.units.get(o.unitId) ?? '',
    type: o.type,
    state: o.state,
    customer: o.customerId ? { id: o.customerId, name: names.customers.get(o.customerId) ?? '' } : null,
    contactName: o.contactName,
    address: o.address,
    problem: o.problem,
    requiredSkill: o.requiredSkill,
    area: o.area,
    serviceClass: o.serviceClass,
    technician: tech ? { id: tech.id, name: tech.name, phone: tech.phone } : null,
    appointment:
      o.appointmentStart && o.appointmentEnd
        ? { start: o.appointmentStart.toISOString(), end: o.appointmentEnd.toISOString() }
        : null,
    complaintDriven: o.complaintDriven,
    pendingCustomerRequests: names.pending?.get(o.id) ?? [],
    createdAt: o.createdAt.toISOString(),
  };
}

export async function presentRows(db: Db, rows: WorkOrderListRow[]) {
  const units = await unitNames(db, [...new Set(rows.map((r) => r.unitId))]);
  const customers = await customerNames(
    db,
    rows.map((r) => r.customerId),
  );
  const people = await peopleOf(
    db,
    rows.map((r) => r.technicianId),
  );
  const pending = await pendingRequestKinds(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentRow(r, { units, customers, people, pending }));
}

/** A customer's request as staff and the customer's page read it. */
export function presentCustomerRequest(r: CustomerRequestRow, names: Map<string, string>) {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    windows: r.windows,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    decidedBy: r.decidedBy ? { id: r.decidedBy, name: names.get(r.decidedBy) ?? '' } : null,
    decidedAt: iso(r.decidedAt),
    declineReason: r.declineReason,
    booked:
      r.bookedStart && r.bookedEnd
        ? { start: r.bookedStart.toISOString(), end: r.bookedEnd.toISOString() }
        : null,
  };
}

/** What the caller may do on the order now, for the page's buttons. */
export function allowedActionsFor(
  actor: Actor,
  o: WorkOrderRow,
  unitPath: readonly string[],
  hasQuote: boolean,
  fieldRecord: { status: string; currentStage: string | null } | null = null,
  quoteSignable = false,
) {
  const roles = rolesOn(actor, { unitPath, technicianId: o.technicianId });
  const actions: string[] = actionsAvailable(o.state, roles);
  const dispatch = can(actor.grants, 'workorders.dispatch', unitPath);
  const open = !isSettled(o.state);
  if (dispatch && isEditable(o.state)) actions.push('edit');
  if (dispatch && open && o.serviceClass === 'A') actions.push('quote');
  if (dispatch && open) actions.push('service_class', 'customer_link');
  // REP-8 on the approval engine: the stage the field record waits on, for whoever holds its role.
  if (o.complaintDriven && isEditable(o.state) && fieldRecord?.status === 'pending') {
    const held = rolesAt(actor.grants, unitPath);
    if (fieldRecord.currentStage === 'quality' && held.includes('quality_manager'))
      actions.push('approve_quality');
    if (fieldRecord.currentStage === 'general_manager' && held.includes('general_manager'))
      actions.push('approve_general');
  }
  if (o.complaintDriven && dispatch && isEditable(o.state) && fieldRecord?.status !== 'pending')
    if (fieldRecord?.status !== 'approved') actions.push('submit_field_record');
  if (hasQuote && (dispatch || roles.includes('technician'))) actions.push('payment');
  // PAY-3: the customer signs the approved quote on the dispatcher's screen or the technician's phone.
  if (quoteSignable && open && (dispatch || roles.includes('technician'))) actions.push('quote_sign');
  // REP-5/PAY-3: the technician on site records the charges of a charged order.
  if (roles.includes('technician') && o.state === 'on_site' && o.serviceClass === 'A')
    actions.push('charges');
  if (dispatch) actions.push('customer_requests');
  return actions;
}

/** The full work-order answer of docs/api-workorders.md. */
export async function workOrderDetail(deps: Deps, actor: Actor, id: string) {
  const { order: o, unit } = await visibleWorkOrder(deps.db, actor, id);
  const db = deps.db;
  const { parts, acceptances } = await orderDetails(db, id);
  const fieldRecord = await fieldRecordDecisions(db, id);
  const approvals = fieldRecord.decisions;
  const quote = await quoteOf(db, id);
  const quoteRequest = quote ? await requestOf(db, QUOTE_SUBJECT, id) : null;
  const ticket = o.ticketId ? await loadTicket(db, o.ticketId) : undefined;
  const children = o.customerId ? await loadChildren(db, [o.customerId]) : undefined;
  const customerName = o.customerId ? (await customerNames(db, [o.customerId])).get(o.customerId) : undefined;
  const asset = children?.assets.find((a) => a.id === o.assetId);
  const people = await peopleOf(db, [o.technicianId]);
  const requests = await customerRequestsOf(db, id);
  const names = await displayNames(db, [
    o.diagnosis?.by ?? null,
    ...o.factsClarifications.map((c) => c.by),
    ...(o.classOpinion ? [o.classOpinion.by] : []),
    ...requests.map((r) => r.decidedBy),
    o.verifiedBy,
    ...approvals.map((a) => a.by),
    quote?.serviceConfirmedBy ?? null,
    quote?.partsConfirmedBy ?? null,
    quote?.customerConfirmedBy ?? null,
    quote?.approvedBy ?? null,
    quote?.paymentBy ?? null,
    quote?.customerSignedBy ?? null,
    quote?.handedOverTo ?? null,
    quote?.invoiceMailedBy ?? null,
  ]);
  const sla = await targetsOf(db, { subjectType: WORK_ORDER_SUBJECT, subjectId: id });
  const links = await linksOf(db, id);
  const proposal = await serviceClassFor(db, o, unit, deps.clock.now());
  const roles = rolesOn(actor, { unitPath: unit.path, technicianId: o.technicianId });
  const fullPhone =
    roles.length > 0 || can(actor.grants, 'customers.phone.unmask', unit.path) || !o.contactPhone;
  const acceptanceOf = (kind: 'completion' | 'return') => {
    const a = acceptances.find((x) => x.kind === kind);
    return a ? presentAcceptance(a) : null;
  };
  const approvalOf = (stage: 'quality' | 'general') => {
    const a = approvals.find((x) => x.stage === stage);
    return a
      ? {
          decision: a.decision,
          by: { id: a.by, name: names.get(a.by) ?? '' },
          at: a.at.toISOString(),
          note: a.note,
        }
      : null;
  };
  const tech = o.technicianId ? people.get(o.technicianId) : undefined;
  return {
    ...presentRow(o, {
      units: new Map([[unit.id, unit.name]]),
      customers: new Map(o.customerId ? [[o.customerId, customerName ?? '']] : []),
      people,
      pending: new Map([[o.id, requests.filter((r) => r.state === 'pending').map((r) => r.kind)]]),
    }),
    ticket: ticket
      ? {
          id: ticket.ticket.id,
          number: ticket.ticket.number,
          subject: ticket.ticket.subject,
          channel: ticket.ticket.channel,
        }
      : null,
    links,
    customer: o.customerId
      ? {
          id: o.customerId,
          name: customerName ?? '',
          phone: o.contactPhone ? (fullPhone ? o.contactPhone : maskPhone(o.contactPhone)) : null,
          address: o.address || null,
        }
      : null,
    contactName: o.contactName,
    contactPhone: fullPhone ? o.contactPhone : maskPhone(o.contactPhone),
    asset: asset
      ? {
          id: asset.id,
          name: asset.name,
          model: asset.model,
          number: asset.number,
          purchaseDate: asset.purchaseDate,
          warrantyEnd: asset.warrantyEnd,
        }
      : null,
    productModel: o.productModel,
    purchaseDate: o.purchaseDate,
    missingFacts: namedFacts(await missingDispatchFacts(db, o)),
    factsClarifications: o.factsClarifications.map((c) => ({
      ...c,
      by: { id: c.by, name: names.get(c.by) ?? '' },
    })),
    partsNeeded: o.partsNeeded,
    source: o.source,
    checkedBy: (o.source === 'sales'
      ? 'sales'
      : o.source === 'project'
        ? 'engineering'
        : 'after_sales') as Checker,
    classOpinion: o.classOpinion
      ? { ...o.classOpinion, by: { id: o.classOpinion.by, name: names.get(o.classOpinion.by) ?? '' } }
      : null,
    serviceClassReason: {
      code: o.serviceClassReasonCode,
      zh: o.serviceClassReason,
      // Only the Chinese text is kept; the English one is the table's own when the code is the proposal's.
      en: proposal.reason.code === o.serviceClassReasonCode ? proposal.reason.en : o.serviceClassReason,
    },
    serviceClassProposal: {
      serviceClass: proposal.serviceClass,
      reason: proposal.reason,
      apology: proposal.apology,
    },
    faultCause: o.faultCause,
    diagnosis: o.diagnosis
      ? {
          finding: o.diagnosis.finding,
          note: o.diagnosis.note,
          at: o.diagnosis.at,
          by: { id: o.diagnosis.by, name: names.get(o.diagnosis.by) ?? '' },
        }
      : null,
    customerRequests: requests.map((r) => presentCustomerRequest(r, names)),
    apologyRequired: o.faultCause === 'defect',
    approvals: {
      required: o.complaintDriven,
      requestId: fieldRecord.request?.id ?? null,
      status: fieldRecord.request?.status ?? null,
      quality: approvalOf('quality'),
      general: approvalOf('general'),
    },
    technician: tech ? { id: tech.id, name: tech.name, phone: tech.phone } : null,
    appointment:
      o.appointmentStart && o.appointmentEnd
        ? {
            start: o.appointmentStart.toISOString(),
            end: o.appointmentEnd.toISOString(),
            agreedAt: iso(o.appointmentAgreedAt),
            reminderAt: iso(o.reminderAt),
          }
        : null,
    appointmentWarnings:
      o.appointmentStart && o.appointmentEnd
        ? appointmentWarnings(
            o.type,
            { start: o.appointmentStart, end: o.appointmentEnd },
            o.appointmentAgreedAt ?? o.createdAt,
            await effectiveCalendar(db, unit),
          )
        : [],
    returnBooked: o.returnBooked,
    lateNotice: o.lateNotice,
    checklist: o.checklist,
    visit: o.visit,
    parts: parts.map((p) => ({
      id: p.id,
      name: p.name,
      priceItemId: p.priceItemId,
      quantityUsed: p.quantityUsed,
      quantityReturned: p.quantityReturned,
      unitPriceFen: p.unitPriceFen,
    })),
    acceptanceForm: await acceptanceFormOf(db, o, unit),
    acceptance: acceptanceOf('completion'),
    returnAcceptance: acceptanceOf('return'),
    receipt: o.receipt,
    verificationDueAt: iso(o.verificationDueAt),
    verificationDueDate: o.verificationDueAt ? localDateOf(o.verificationDueAt, unit.timezone) : null,
    verification:
      o.verifiedAt && o.verifiedBy
        ? {
            by: { id: o.verifiedBy, name: names.get(o.verifiedBy) ?? '' },
            at: o.verifiedAt.toISOString(),
            dueDate: o.verificationDueAt ? localDateOf(o.verificationDueAt, unit.timezone) : null,
            late: o.verificationLate ?? false,
            note: o.verificationNote,
          }
        : null,
    quote: quote ? presentQuote(quote, names, quoteRequest) : null,
    payment:
      quote?.paymentAt && quote.paymentMethod && quote.paymentBy
        ? {
            method: quote.paymentMethod,
            amountFen: quote.paymentAmountFen,
            at: quote.paymentAt.toISOString(),
            by: { id: quote.paymentBy, name: names.get(quote.paymentBy) ?? '' },
            invoiceTitle: quote.paymentInvoiceTitle,
            note: quote.paymentNote,
            handedOver:
              quote.handedOverTo && quote.handedOverAt
                ? {
                    to: { id: quote.handedOverTo, name: names.get(quote.handedOverTo) ?? '' },
                    at: quote.handedOverAt.toISOString(),
                    note: quote.handoverNote,
                  }
                : null,
            invoiceMailed:
              quote.invoiceMailedBy && quote.invoiceMailedAt
                ? {
                    by: { id: quote.invoiceMailedBy, name: names.get(quote.invoiceMailedBy) ?? '' },
                    at: quote.invoiceMailedAt.toISOString(),
                    tracking: quote.invoiceTracking,
                  }
                : null,
          }
        : null,
    timestamps: {
      createdAt: iso(o.createdAt),
      assignedAt: iso(o.assignedAt),
      appointmentAgreedAt: iso(o.appointmentAgreedAt),
      departedAt: iso(o.departedAt),
      arrivedAt: iso(o.arrivedAt),
      completedAt: iso(o.completedAt),
      carriedInAt: iso(o.carriedInAt),
      returnedAt: iso(o.returnedAt),
      verifiedAt: iso(o.verifiedAt),
      closedAt: iso(o.closedAt),
      cancelledAt: iso(o.cancelledAt),
    },
    cancelReason: o.cancelReason,
    sla: sla.map((t) => ({ code: t.key, dueAt: iso(t.dueAt), state: t.state, metAt: iso(t.metAt) })),
    allowedActions: allowedActionsFor(
      actor,
      o,
      unit.path,
      !!quote?.approvedAt,
      fieldRecord.request,
      !!quote?.approvedAt && !quote.customerSignedAt,
    ),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export type WorkOrderDetail = Awaited<ReturnType<typeof workOrderDetail>>;

export interface ListFilters {
  unitId?: string | undefined;
  state?: WorkOrderState[] | undefined;
  type?: WorkOrderRow['type'] | undefined;
  technicianId?: string | undefined;
  mine?: boolean | undefined;
  date?: string | undefined;
  ticketId?: string | undefined;
  /** The customer's orders (the archive's 360° view, CUS-1). */
  customerId?: string | undefined;
  q?: string | undefined;
  verificationOverdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** Orders the caller sees, newest first (a day's visits in window order when `date` is given). */
export async function listWorkOrders(deps: Deps, actor: Actor, f: ListFilters) {
  const { broadRoots, ownRoots } = listScope(actor.grants);
  if (!ownRoots.length) return { items: [], total: 0 };
  const scope: SQL = or(
    broadRoots.length ? unitsWithin(broadRoots) : sql`false`,
    and(unitsWithin(ownRoots), eq(workOrders.technicianId, actor.userId)),
  )!;
  const conditions: (SQL | undefined)[] = [scope];
  if (f.unitId) conditions.push(sql`${organisationUnits.path} @> array[${f.unitId}]::uuid[]`);
  if (f.state?.length) conditions.push(inArray(workOrders.state, f.state));
  if (f.type) conditions.push(eq(workOrders.type, f.type));
  if (f.technicianId) conditions.push(eq(workOrders.technicianId, f.technicianId));
  if (f.mine) conditions.push(eq(workOrders.technicianId, actor.userId));
  if (f.ticketId) conditions.push(eq(workOrders.ticketId, f.ticketId));
  if (f.customerId) conditions.push(eq(workOrders.customerId, f.customerId));
  if (f.verificationOverdue)
    conditions.push(
      and(
        inArray(workOrders.state, ['completed', 'returned']),
        sql`${workOrders.verificationDueAt} < ${deps.clock.now()}`,
      ),
    );
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(workOrders.number, like), ilike(workOrders.address, like), ilike(workOrders.problem, like)),
    );
  }
  if (f.date) {
    // The day in Asia/Shanghai unless the unit says otherwise; all China units share one zone.
    const { from, to } = dayBounds(f.date, 'Asia/Shanghai');
    conditions.push(
      sql`${workOrders.appointmentStart} >= ${from} and ${workOrders.appointmentStart} < ${to}`,
    );
  }
  const where = and(...conditions);
  // Reading the unit path joins the organisation table; scoping needs it (no org helper joins).
  const [total] = await deps.db
    .select({ n: count() })
    .from(workOrders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, workOrders.unitId))
    .where(where);
  const rows = await deps.db
    .select({ order: ROW_COLUMNS })
    .from(workOrders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, workOrders.unitId))
    .where(where)
    .orderBy(
      ...(f.date ? [workOrders.appointmentStart] : [desc(workOrders.createdAt), desc(workOrders.number)]),
    )
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return {
    items: await presentRows(
      deps.db,
      rows.map((r) => r.order),
    ),
    total: Number(total?.n ?? 0),
  };
}

/**
 * RPT-1: each technician's visits on `date` among the orders the caller sees — the same scope and
 * day as the list filtered by technician and date, so the dashboard's tile counts that list.
 */
export async function technicianLoad(
  deps: Deps,
  actor: Actor,
  f: { unitId?: string | undefined; date: string },
) {
  const { broadRoots, ownRoots } = listScope(actor.grants);
  if (!ownRoots.length) return [];
  const { from, to } = dayBounds(f.date, 'Asia/Shanghai');
  const scope: SQL = or(
    broadRoots.length ? unitsWithin(broadRoots) : sql`false`,
    and(unitsWithin(ownRoots), eq(workOrders.technicianId, actor.userId)),
  )!;
  const rows = await deps.db
    .select({
      technicianId: workOrders.technicianId,
      appointments: count(),
      finished: sql<number>`count(*) filter (where ${workOrders.state} in ('completed', 'verified', 'closed'))`,
    })
    .from(workOrders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, workOrders.unitId))
    .where(
      and(
        scope,
        f.unitId ? sql`${organisationUnits.path} @> array[${f.unitId}]::uuid[]` : undefined,
        sql`${workOrders.technicianId} is not null`,
        sql`${workOrders.appointmentStart} >= ${from} and ${workOrders.appointmentStart} < ${to}`,
      ),
    )
    .groupBy(workOrders.technicianId);
  const names = await displayNames(
    deps.db,
    rows.map((r) => r.technicianId!),
  );
  return rows.map((r) => ({
    technicianId: r.technicianId!,
    name: names.get(r.technicianId!) ?? '',
    appointments: Number(r.appointments),
    finished: Number(r.finished),
  }));
}
