/**
 * Journeys (JRN-1…8): a customer's staged process on one template version. Each command runs in
 * one transaction with its audit row. The current stage's time limit is an SLA target on the
 * journey (due in the unit's working time, reminded and escalated by the SLA scan); a payment with
 * its own limit is another. Approvals go through the approval engine; follow-up calls are call-back
 * tasks of the tasks module.
 */
import { and, desc, eq, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { ApprovalStage } from '../../../domain/approvals';
import {
  advance,
  approvalChainOf,
  approvalRequired,
  chainFields,
  chainSteps,
  checkTemplate,
  depositsOnClose,
  leadTimeDue,
  missingToLeave,
  nothingMissing,
  paymentSchedule,
  LEFTOVER_ISSUE,
  SHIPPED_JOURNEY_TEMPLATES,
  type JourneyApprovalChain,
  type JourneyRecord,
  type JourneyTemplate,
  type StageDefinition,
  type StageLimit,
} from '../../../domain/journeys';
import type { SlaAllowed, SlaTarget } from '../../../domain/sla';
import {
  addCalendarTime,
  addWorkingMinutes,
  closeOfBusinessAfterWorkingDays,
  type WorkingCalendar,
} from '../../../domain/calendar';
import type { Actor, Deps } from '../../app/context';
import { onBusinessEvent, type WorkOrderCompletedEvent } from '../../app/business-events';
import type { Db } from '../../app/db';
import {
  openApproval,
  registerApprovalSubject,
  voidApproval,
  type ApprovalRow,
} from '../approvals/approvals.service';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { effectiveCalendar } from '../calendar/calendar.service';
import { customerInScope } from '../customers/customers.service';
import { customerPhones } from '../customers/customers.table';
import type { NewNotification } from '../notifications/notifications.service';
import { orders } from '../orders/orders.table';
import {
  activeActorOf,
  assertCan,
  findUnit,
  nearestRoleHolders,
  scopeOf,
  unitsWithin,
} from '../org/org.service';
import { organisationUnits, roles } from '../org/org.table';
import {
  endTargets,
  registerSlaNotices,
  registerSlaSubject,
  startTargetRun,
  stopTarget,
} from '../sla/sla.service';
import { createTask } from '../tasks/tasks.service';
import { ticketInScope } from '../tickets/tickets.service';
import { tickets } from '../tickets/tickets.table';
import { workOrderErrors } from '../workorders/workorders.errors';
import { loadWorkOrder, seesWorkOrder } from '../workorders/workorders.service';
import { workOrders } from '../workorders/workorders.table';
import { journeyErrors } from './journeys.errors';
import { scheduleVisitReminder } from './journeys.reminders';
import {
  journeyApprovals,
  journeyLinks,
  journeys,
  journeyTemplates,
  type JourneyPayment,
  type JourneyStageEntry,
} from './journeys.table';

export type JourneyRow = typeof journeys.$inferSelect;
export type TemplateRow = typeof journeyTemplates.$inferSelect;
export const JOURNEY_SUBJECT = 'journey';
export const JOURNEY_APPROVAL_SUBJECT = 'journey_approval';
/** The approval-engine kind of a journey stage's approval (one shipped chain, editable per unit). */
export const JOURNEY_APPROVAL_KIND = 'journey_approval';
export const STAGE_LEFT = 'journey_stage_left';
export const PAYMENT_RECEIVED = 'journey_payment_received';

// ---------------------------------------------------------------------------------------------
// Templates

/**
 * Seeds each shipped template whose stored versions are all older than the shipped one (a code
 * never seeded, or a shipped template revised in a release: JRN-5's open-day chain is version 2),
 * once, under a lock. A company's own newer version stands; running journeys keep theirs.
 */
export async function ensureShippedTemplates(tx: Db, now: Date): Promise<void> {
  const latest = async () =>
    new Map(
      (
        await tx
          .select({ code: journeyTemplates.code, version: sql<number>`max(${journeyTemplates.version})` })
          .from(journeyTemplates)
          .groupBy(journeyTemplates.code)
      ).map((r) => [r.code, Number(r.version)]),
    );
  const behind = (have: Map<string, number>) =>
    SHIPPED_JOURNEY_TEMPLATES.filter((t) => (have.get(t.code) ?? 0) < t.version);
  if (behind(await latest()).length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(727321)`);
  const missing = behind(await latest());
  if (missing.length === 0) return;
  await tx.insert(journeyTemplates).values(
    missing.map((t) => ({
      code: t.code,
      version: t.version,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      definition: t,
      createdAt: now,
    })),
  );
}

export async function listTemplates(deps: Deps, actor: Actor) {
  scopeOf(actor, 'journeys.read');
  await deps.db.transaction((tx) => ensureShippedTemplates(tx, deps.clock.now()));
  return deps.db
    .select()
    .from(journeyTemplates)
    .orderBy(journeyTemplates.code, desc(journeyTemplates.version));
}

async function latestTemplate(db: Db, code: string): Promise<TemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(journeyTemplates)
    .where(eq(journeyTemplates.code, code))
    .orderBy(desc(journeyTemplates.version))
    .limit(1);
  return row;
}

/**
 * Saves an edited template as the next version of its code (or a new code at version 1). Running
 * journeys keep the version they started with; new ones start on this one.
 */
export async function saveTemplateVersion(
  deps: Deps,
  actor: Actor,
  input: Omit<JourneyTemplate, 'version'>,
): Promise<TemplateRow> {
  scopeOf(actor, 'journeys.templates.manage');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await ensureShippedTemplates(tx, now);
    await tx.execute(sql`select pg_advisory_xact_lock(727322)`);
    const latest = await latestTemplate(tx, input.code);
    const definition: JourneyTemplate = { ...input, version: (latest?.version ?? 0) + 1 };
    const problem = checkTemplate(definition);
    if (problem) throw journeyErrors.templateInvalid(problem);
    const [row] = await tx
      .insert(journeyTemplates)
      .values({
        code: definition.code,
        version: definition.version,
        nameZh: definition.nameZh,
        nameEn: definition.nameEn,
        definition,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'journey.template_saved',
      subjectType: 'journey_template',
      subjectId: row!.id,
      unitId: null,
      after: { code: row!.code, version: row!.version },
    });
    return row!;
  });
}

// ---------------------------------------------------------------------------------------------
// Time limits

const slaAllowed = (limit: StageLimit): SlaAllowed =>
  limit.unit === 'calendar_days'
    ? { unit: 'calendar_hours', amount: limit.amount * 24 }
    : { unit: limit.unit, amount: limit.amount };

/** When a limit from `at` ends on the calendar (a follow-up call's deadline), SLA-2 counting. */
function dueOf(limit: StageLimit, at: number, cal: WorkingCalendar): number {
  if (limit.unit === 'working_days') return closeOfBusinessAfterWorkingDays(cal, at, limit.amount);
  if (limit.unit === 'working_hours') return addWorkingMinutes(cal, at, limit.amount * 60);
  if (limit.unit === 'calendar_hours') return addCalendarTime(cal, at, limit.amount, 'hours');
  return addCalendarTime(cal, at, limit.amount, 'days');
}

const stageTarget = (stage: StageDefinition, limit: StageLimit): SlaTarget => ({
  key: `stage:${stage.key}`,
  startsOn: 'intake',
  stopsOn: STAGE_LEFT,
  allowed: slaAllowed(limit),
  pausesWhenPendingCustomer: false,
});

const ref = (id: string) => ({ subjectType: JOURNEY_SUBJECT, subjectId: id });

interface Entered {
  dueAt: Date | null;
  payments: JourneyPayment[];
}

/**
 * The journey enters `stage` at `at`: its limit starts as an SLA target (or its lead time is counted
 * back from the date on file), a payment with its own limit starts its own, and a follow-up call is
 * put on the tasks list for the caller when the stage asks for one.
 */
async function enterStage(
  deps: Deps,
  tx: Db,
  actor: Actor,
  row: Pick<JourneyRow, 'id' | 'unitId' | 'customerId' | 'fields' | 'payments' | 'templateCode'>,
  template: JourneyTemplate,
  stage: StageDefinition,
  at: Date,
): Promise<Entered> {
  const unit = (await findUnit(tx, row.unitId))!;
  const cal = await effectiveCalendar(tx, unit);
  const position = template.stages.findIndex((s) => s.key === stage.key);
  let dueAt: Date | null = null;
  if (stage.leadTime) {
    const due = leadTimeDue(stage.leadTime, row.fields, cal);
    dueAt = due === null ? null : new Date(due);
  } else if (stage.limit) {
    const target = await startTargetRun(deps, tx, {
      ...ref(row.id),
      unitId: row.unitId,
      definition: stageTarget(stage, stage.limit),
      position: position * 2,
      label: row.templateCode,
      at,
      ownerId: null,
    });
    dueAt = target.dueAt;
  }
  let payments = row.payments;
  if (stage.payment?.dueWithin) {
    const target = await startTargetRun(deps, tx, {
      ...ref(row.id),
      unitId: row.unitId,
      definition: {
        key: `payment:${stage.payment.key}`,
        startsOn: 'intake',
        stopsOn: PAYMENT_RECEIVED,
        allowed: slaAllowed(stage.payment.dueWithin),
        pausesWhenPendingCustomer: false,
      },
      position: position * 2 + 1,
      label: row.templateCode,
      at,
      ownerId: null,
    });
    payments = payments.map((p) =>
      p.key === stage.payment!.key ? { ...p, dueAt: target.dueAt?.toISOString() ?? null } : p,
    );
  }
  if (stage.followUpCall) {
    const [phone] = await tx
      .select({ display: customerPhones.display })
      .from(customerPhones)
      .where(eq(customerPhones.customerId, row.customerId))
      .orderBy(desc(customerPhones.isPrimary))
      .limit(1);
    if (phone)
      await createTask({ ...deps, db: tx }, actor, {
        kind: 'call_back',
        unitId: row.unitId,
        callerPhone: phone.display,
        customerId: row.customerId,
        note: `${template.nameZh} · ${stage.nameZh}：${stage.followUpCall.noteZh}`,
        dueAt: new Date(dueOf(stage.followUpCall.within, at.getTime(), cal)),
      });
  }
  return { dueAt, payments };
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function templateOf(db: Db, row: Pick<JourneyRow, 'templateId'>): Promise<JourneyTemplate> {
  const [t] = await db.select().from(journeyTemplates).where(eq(journeyTemplates.id, row.templateId));
  return t!.definition;
}

/** The journey as the pure core reads it. */
export function asRecord(row: JourneyRow): JourneyRecord {
  return {
    templateCode: row.templateCode,
    templateVersion: row.templateVersion,
    stage: row.stage,
    enteredAt: row.stageEnteredAt.getTime(),
    forms: row.forms,
    fields: row.fields,
    documents: row.documents,
    approvals: row.approvals,
    paymentsReceived: row.payments.filter((p) => p.receivedAt !== null).map((p) => p.key),
    history: [],
  };
}

async function journeyInScope(
  db: Db,
  actor: Actor,
  id: string,
  permission: 'journeys.read' | 'journeys.run',
) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw journeyErrors.notFound();
  const [row] = await db.select().from(journeys).where(eq(journeys.id, id));
  if (!row) throw journeyErrors.notFound();
  const unit = await findUnit(db, row.unitId);
  assertCan(actor, permission, unit?.path ?? [], journeyErrors.notFound);
  return row;
}

export async function getJourney(deps: Deps, actor: Actor, id: string) {
  const row = await journeyInScope(deps.db, actor, id, 'journeys.read');
  const template = await templateOf(deps.db, row);
  const approvals = await deps.db
    .select()
    .from(journeyApprovals)
    .where(eq(journeyApprovals.journeyId, row.id))
    .orderBy(journeyApprovals.createdAt);
  return { row, template, missing: missingToLeave(template, asRecord(row)), approvals };
}

export interface ListJourneysQuery {
  templateCode?: string | undefined;
  stage?: string | undefined;
  overdue?: boolean | undefined;
  status?: 'running' | 'finished' | 'cancelled' | undefined;
  customerId?: string | undefined;
  ownerId?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listJourneys(deps: Deps, actor: Actor, q: ListJourneysQuery) {
  const roots = scopeOf(actor, 'journeys.read');
  const now = deps.clock.now();
  const conditions: (SQL | undefined)[] = [
    unitsWithin(roots),
    q.templateCode ? eq(journeys.templateCode, q.templateCode) : undefined,
    q.stage ? eq(journeys.stage, q.stage) : undefined,
    q.customerId ? eq(journeys.customerId, q.customerId) : undefined,
    q.ownerId ? eq(journeys.createdBy, q.ownerId) : undefined,
    q.status === 'running'
      ? isNotNull(journeys.stage)
      : q.status === 'finished'
        ? and(isNull(journeys.stage), isNull(journeys.cancelledAt))
        : q.status === 'cancelled'
          ? isNotNull(journeys.cancelledAt)
          : undefined,
    q.overdue ? and(isNotNull(journeys.stage), lt(journeys.stageDueAt, now)) : undefined,
  ];
  const where = and(...conditions);
  const rows = await deps.db
    .select({ j: journeys, unitName: organisationUnits.name })
    .from(journeys)
    .innerJoin(organisationUnits, eq(organisationUnits.id, journeys.unitId))
    .where(where)
    .orderBy(desc(journeys.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(journeys)
    .innerJoin(organisationUnits, eq(organisationUnits.id, journeys.unitId))
    .where(where);
  return { rows, total: Number(total?.n ?? 0), now };
}

// ---------------------------------------------------------------------------------------------
// Commands

export interface StartJourneyInput {
  templateCode: string;
  customerId: string;
  unitId?: string | undefined;
  orderId?: string | undefined;
  contractFen?: number | undefined;
  note?: string | undefined;
}

/** A journey for a customer (and optionally an order) on the template's latest version. */
export async function startJourney(deps: Deps, actor: Actor, input: StartJourneyInput): Promise<JourneyRow> {
  const { customer } = await customerInScope(deps, actor, input.customerId);
  const unit = await findUnit(deps.db, input.unitId ?? customer.unitId);
  if (!unit) throw journeyErrors.unitNotFound();
  assertCan(actor, 'journeys.run', unit.path, journeyErrors.unitNotFound);
  if (input.orderId) {
    const [order] = await deps.db.select({ id: orders.id }).from(orders).where(eq(orders.id, input.orderId));
    if (!order) throw journeyErrors.orderNotFound();
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await ensureShippedTemplates(tx, now);
    const templateRow = await latestTemplate(tx, input.templateCode);
    if (!templateRow) throw journeyErrors.templateNotFound();
    const template = templateRow.definition;
    const first = template.stages[0]!;
    const payments: JourneyPayment[] =
      input.contractFen != null
        ? paymentSchedule(template, input.contractFen).map((p) => ({
            key: p.key,
            stage: p.stage,
            amountFen: p.amountFen,
            dueAt: null,
            receivedFen: null,
            receivedAt: null,
          }))
        : [];
    const [inserted] = await tx
      .insert(journeys)
      .values({
        unitId: unit.id,
        customerId: customer.id,
        orderId: input.orderId ?? null,
        templateId: templateRow.id,
        templateCode: template.code,
        templateVersion: template.version,
        stage: first.key,
        stageEnteredAt: now,
        forms: [],
        fields: input.contractFen != null ? { contractFen: input.contractFen } : {},
        documents: [],
        approvals: [],
        contractFen: input.contractFen ?? null,
        payments,
        history: [],
        note: input.note ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const entered = await enterStage(deps, tx, actor, inserted!, template, first, now);
    const history: JourneyStageEntry[] = [
      {
        stage: first.key,
        enteredAt: now.toISOString(),
        dueAt: entered.dueAt?.toISOString() ?? null,
        leftAt: null,
      },
    ];
    const [row] = await tx
      .update(journeys)
      .set({ stageDueAt: entered.dueAt, payments: entered.payments, history })
      .where(eq(journeys.id, inserted!.id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'journey.started',
      subjectType: JOURNEY_SUBJECT,
      subjectId: row!.id,
      unitId: unit.id,
      after: row,
    });
    return row!;
  });
}

/** Runs `change` on the locked running journey, in one transaction with its audit row. */
async function onLockedJourney(
  deps: Deps,
  actor: Actor,
  id: string,
  action: string,
  change: (
    tx: Db,
    row: JourneyRow,
    template: JourneyTemplate,
    stage: StageDefinition,
    now: Date,
  ) => Promise<Partial<JourneyRow>>,
): Promise<JourneyRow> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw journeyErrors.notFound();
    const [row] = await tx.select().from(journeys).where(eq(journeys.id, id)).for('update');
    if (!row) throw journeyErrors.notFound();
    const unit = await findUnit(tx, row.unitId);
    assertCan(actor, 'journeys.run', unit?.path ?? [], journeyErrors.notFound);
    const template = await templateOf(tx, row);
    const stage = template.stages.find((s) => s.key === row.stage);
    if (!stage) throw journeyErrors.finished();
    const patch = await change(tx, row, template, stage, now);
    const [updated] = await tx
      .update(journeys)
      .set({ ...patch, updatedAt: now })
      .where(eq(journeys.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action,
      subjectType: JOURNEY_SUBJECT,
      subjectId: id,
      unitId: row.unitId,
      before: row,
      after: updated,
    });
    return updated!;
  });
}

/** A form, document or the fields of the current stage put on file. */
export function recordItems(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    forms?: string[] | undefined;
    documents?: string[] | undefined;
    fields?: Record<string, unknown> | undefined;
  },
) {
  return onLockedJourney(deps, actor, id, 'journey.recorded', async (tx, row, template, stage, now) => {
    const forms = input.forms ?? [];
    const documents = input.documents ?? [];
    const fieldKeys = Object.keys(input.fields ?? {});
    const foreign = [
      ...forms.filter((f) => !(stage.forms ?? []).includes(f)),
      ...documents.filter((d) => !(stage.documents ?? []).includes(d)),
      ...fieldKeys.filter((f) => !allowedFields(stage).includes(f)),
    ];
    if (foreign.length > 0) throw journeyErrors.notOfStage({ stage: stage.key, items: foreign });
    const fields = { ...row.fields, ...input.fields };
    const changed = fieldKeys.filter((f) => row.fields[f] !== fields[f]);
    const putAside = await approvalsOnChangedFacts(deps, tx, actor, row, stage, changed, now);
    const patch: Partial<JourneyRow> = {
      forms: [...new Set([...row.forms, ...forms])],
      documents: [...new Set([...row.documents, ...documents])],
      fields,
      ...(putAside.length > 0 ? { approvals: row.approvals.filter((a) => !putAside.includes(a)) } : {}),
    };
    // The contract sum sets the payments (a share each); a lead time is counted from its date.
    if (typeof input.fields?.contractFen === 'number' && row.payments.every((p) => p.receivedAt === null)) {
      patch.contractFen = input.fields.contractFen;
      patch.payments = paymentSchedule(template, input.fields.contractFen).map((p) => ({
        key: p.key,
        stage: p.stage,
        amountFen: p.amountFen,
        dueAt: row.payments.find((q) => q.key === p.key)?.dueAt ?? null,
        receivedFen: null,
        receivedAt: null,
      }));
    }
    // JRN-3: the visit's start on file — the customer's 1-hour reminder is scheduled for it.
    if (stage.visitReminder && stage.visitReminder.field in (input.fields ?? {}))
      await scheduleVisitReminder(tx, now, row, stage, fields);
    if (stage.leadTime && stage.leadTime.field in (input.fields ?? {})) {
      const unit = (await findUnit(tx, row.unitId))!;
      const due = leadTimeDue(stage.leadTime, fields, await effectiveCalendar(tx, unit));
      patch.stageDueAt = due === null ? null : new Date(due);
    }
    return patch;
  });
}

/** Fields a stage may record: its own, and what its rules read. */
function allowedFields(stage: StageDefinition): string[] {
  const ruleFields: Record<string, string[]> = {
    tile_stock_with_loss: ['areaM2', 'm2PerBox', 'boxesStocked'],
    discount_within_authority: ['discountFen'],
    open_day_after_plastering: ['plasteringDone'],
  };
  return [
    ...(stage.fields ?? []),
    ...(stage.rules ?? []).flatMap((r) => ruleFields[r] ?? []),
    ...(stage.approvalChains ?? []).flatMap(chainFields),
    ...(stage.leadTime ? [stage.leadTime.field] : []),
    ...(stage.visitReminder ? [stage.visitReminder.field] : []),
  ];
}

/** A payment of the current stage received: at least its share of the contract. */
export function recordPayment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { key: string; amountFen: number },
) {
  return onLockedJourney(
    deps,
    actor,
    id,
    'journey.payment_received',
    async (tx, row, _template, stage, now) => {
      if (stage.payment?.key !== input.key) throw journeyErrors.paymentUnknown({ key: input.key });
      const due = row.payments.find((p) => p.key === input.key);
      if (!due || row.contractFen === null) throw journeyErrors.contractMissing();
      if (input.amountFen < due.amountFen)
        throw journeyErrors.paymentShort({ dueFen: due.amountFen, amountFen: input.amountFen });
      await stopTarget(deps, tx, { ...ref(row.id), event: PAYMENT_RECEIVED, at: now });
      return {
        payments: row.payments.map((p) =>
          p.key === input.key ? { ...p, receivedFen: input.amountFen, receivedAt: now.toISOString() } : p,
        ),
      };
    },
  );
}

/** An approval the current stage asks for, sent through the approval engine. */
export async function requestApproval(deps: Deps, actor: Actor, id: string, key: string) {
  return onLockedJourney(
    deps,
    actor,
    id,
    'journey.approval_requested',
    async (tx, row, template, stage, now) => {
      if (!(stage.approvals ?? []).includes(key))
        throw journeyErrors.notOfStage({ stage: stage.key, items: [key] });
      const [existing] = await tx
        .select()
        .from(journeyApprovals)
        .where(and(eq(journeyApprovals.journeyId, row.id), eq(journeyApprovals.key, key)));
      if (existing?.status === 'approved') throw journeyErrors.approvalGranted({ key });
      if (existing?.status === 'pending') throw journeyErrors.approvalPending({ key });
      const chain = approvalChainOf(stage, key);
      if (chain && !approvalRequired(stage, key, row.fields)) throw journeyErrors.approvalNotNeeded({ key });
      const stages = chain ? await chainStages(tx, chain, row.fields) : undefined;
      // JRN-2: a discount above the service manager's ¥200 — nobody may grant it; refused, not escalated.
      if (stages?.length === 0)
        throw journeyErrors.approvalBeyondAuthority({
          key,
          fields: Object.fromEntries(chainFields(chain!).map((f) => [f, row.fields[f] ?? null])),
        });
      const [ja] = existing
        ? await tx
            .update(journeyApprovals)
            .set({ status: 'pending', decidedAt: null })
            .where(eq(journeyApprovals.id, existing.id))
            .returning()
        : await tx
            .insert(journeyApprovals)
            .values({ journeyId: row.id, key, stage: stage.key, status: 'pending', createdAt: now })
            .returning();
      const approval = await openApproval(deps, tx, actor, {
        subjectType: JOURNEY_APPROVAL_SUBJECT,
        subjectId: ja!.id,
        kind: JOURNEY_APPROVAL_KIND,
        unitId: row.unitId,
        title: `${template.nameZh} · ${stage.nameZh}：${key}`,
        amountFen: row.contractFen,
        // Withdrawn (the facts its chain read changed): asked anew, from the first step.
        restart: existing?.status === 'withdrawn',
        stages,
      });
      await tx
        .update(journeyApprovals)
        .set({ approvalId: approval.id })
        .where(eq(journeyApprovals.id, ja!.id));
      return {};
    },
  );
}

/**
 * The approval-engine stages of an approval's own chain on the journey's fields (empty: no step
 * applies). A step naming a permission is signed by the roles that carry it when the approval is
 * asked for (the administrator's, who holds every permission, aside).
 */
async function chainStages(
  tx: Db,
  chain: JourneyApprovalChain,
  fields: Readonly<Record<string, unknown>>,
): Promise<ApprovalStage[]> {
  const steps = chainSteps(chain, fields);
  const permissions = [...new Set(steps.flatMap((st) => (st.permission ? [st.permission] : [])))];
  const carriers = new Map<string, string[]>();
  if (permissions.length > 0) {
    const rows = await tx
      .select({ code: roles.code, permissions: roles.permissions })
      .from(roles)
      .where(ne(roles.code, 'administrator'))
      .orderBy(roles.code);
    for (const p of permissions)
      carriers.set(
        p,
        rows.filter((r) => r.permissions.includes(p)).map((r) => r.code),
      );
  }
  return steps.map((st) => ({
    key: st.key,
    nameZh: st.nameZh,
    nameEn: st.nameEn,
    roles: [...new Set([...(st.roles ?? []), ...(st.permission ? (carriers.get(st.permission) ?? []) : [])])],
    mode: 'any' as const,
    timeLimit: { unit: 'working_days' as const, amount: 1 },
  }));
}

/**
 * Approvals of the stage whose chain reads a field that changed: asked or granted on other facts,
 * they are put aside (a waiting request withdrawn, a granted one no longer counted) and must be asked
 * again — JRN-5: an open day signed after plastering does not stand once plastering is found undone.
 */
async function approvalsOnChangedFacts(
  deps: Deps,
  tx: Db,
  actor: Actor,
  row: JourneyRow,
  stage: StageDefinition,
  changed: readonly string[],
  now: Date,
): Promise<string[]> {
  const affected = (stage.approvalChains ?? [])
    .filter((c) => chainFields(c).some((f) => changed.includes(f)))
    .map((c) => c.approval);
  if (affected.length === 0) return [];
  const asked = await tx
    .select()
    .from(journeyApprovals)
    .where(
      and(
        eq(journeyApprovals.journeyId, row.id),
        inArray(journeyApprovals.key, affected),
        inArray(journeyApprovals.status, ['pending', 'approved']),
      ),
    );
  for (const a of asked) await withdrawApproval(deps, tx, actor, a, 'journey_facts_changed', now);
  return asked.map((a) => a.key);
}

/**
 * A journey's approval taken back: a request still waiting is voided in the approval engine (its
 * approvers stop seeing it), and the journey's record of it says withdrawn.
 */
async function withdrawApproval(
  deps: Deps,
  tx: Db,
  actor: Actor,
  approval: Pick<typeof journeyApprovals.$inferSelect, 'id' | 'status'>,
  reason: 'journey_facts_changed' | 'journey_cancelled',
  now: Date,
): Promise<void> {
  if (approval.status === 'pending')
    await voidApproval(deps, tx, actor, JOURNEY_APPROVAL_SUBJECT, approval.id, reason);
  await tx
    .update(journeyApprovals)
    .set({ status: 'withdrawn', decidedAt: now })
    .where(eq(journeyApprovals.id, approval.id));
}

/**
 * Leaves the current stage: refused with the missing items named while anything is missing; a
 * question stage needs its answer. The stage's limit is met; the next stage's starts.
 */
export function leaveStage(deps: Deps, actor: Actor, id: string, answer?: boolean) {
  return onLockedJourney(deps, actor, id, 'journey.stage_left', async (tx, row, template, stage, now) => {
    const record = asRecord(row);
    const missing = missingToLeave(template, record);
    if (!nothingMissing(missing)) throw journeyErrors.requirementsMissing({ stage: stage.key, missing });
    const moved = advance(template, record, now.getTime(), answer);
    if (!moved.ok) {
      if (moved.error.code === 'journeys.answer_required') {
        const q = stage.next && 'question' in stage.next ? stage.next : null;
        throw journeyErrors.answerRequired({ question: q?.question, questionZh: q?.questionZh });
      }
      throw journeyErrors.finished();
    }
    await stopTarget(deps, tx, { ...ref(row.id), event: STAGE_LEFT, at: now });
    const history = row.history.map((h, i) =>
      i === row.history.length - 1 && h.leftAt === null
        ? { ...h, leftAt: now.toISOString(), answer: answer ?? null, leftBy: actor.userId }
        : h,
    );
    const nextKey = moved.journey.stage;
    if (nextKey === null) {
      await endTargets(deps, tx, { ...ref(row.id), at: now, reason: 'subject_closed' });
      return { stage: null, stageEnteredAt: now, stageDueAt: null, history, finishedAt: now };
    }
    const next = template.stages.find((s) => s.key === nextKey)!;
    const entered = await enterStage(deps, tx, actor, row, template, next, now);
    return {
      stage: nextKey,
      stageEnteredAt: now,
      stageDueAt: entered.dueAt,
      payments: entered.payments,
      history: [
        ...history,
        {
          stage: nextKey,
          enteredAt: now.toISOString(),
          dueAt: entered.dueAt?.toISOString() ?? null,
          leftAt: null,
        },
      ],
    };
  });
}

/**
 * Closes a running journey without finishing it (终止), with the reason, by someone allowed to
 * (journeys.close). Its time limits end; an approval still waiting is withdrawn (its approvers have
 * nothing left to decide). JRN-2: a deposit on file is forfeited when no contract was signed (the
 * contract stage not yet left) and stays credited to the project once it was; the outcome is kept
 * on the journey and in the audit. The manual names no deadline after which an unsigned deposit
 * lapses by itself, so the outcome is decided only here, when the journey is closed.
 */
export async function cancelJourney(deps: Deps, actor: Actor, id: string, reason: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw journeyErrors.notFound();
    const [row] = await tx.select().from(journeys).where(eq(journeys.id, id)).for('update');
    if (!row) throw journeyErrors.notFound();
    const unit = await findUnit(tx, row.unitId);
    assertCan(actor, 'journeys.read', unit?.path ?? [], journeyErrors.notFound);
    assertCan(actor, 'journeys.close', unit?.path ?? [], () =>
      authErrors.forbidden({ permission: 'journeys.close' }),
    );
    if (row.stage === null) throw journeyErrors.finished();
    const template = await templateOf(tx, row);
    const left = row.history.filter((h) => h.leftAt !== null).map((h) => h.stage);
    const deposits = depositsOnClose(template, row.fields, left);
    await endTargets(deps, tx, { ...ref(row.id), at: now, reason: 'subject_closed' });
    const waiting = await tx
      .select()
      .from(journeyApprovals)
      .where(and(eq(journeyApprovals.journeyId, id), eq(journeyApprovals.status, 'pending')));
    for (const asked of waiting) await withdrawApproval(deps, tx, actor, asked, 'journey_cancelled', now);
    const history = row.history.map((h, i) =>
      i === row.history.length - 1 && h.leftAt === null
        ? { ...h, leftAt: now.toISOString(), leftBy: actor.userId }
        : h,
    );
    const [updated] = await tx
      .update(journeys)
      .set({
        stage: null,
        stageDueAt: null,
        history,
        finishedAt: now,
        cancelledAt: now,
        cancellation: { reason, by: actor.userId, stage: row.stage, deposits: [...deposits] },
        updatedAt: now,
      })
      .where(eq(journeys.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'journey.cancelled',
      subjectType: JOURNEY_SUBJECT,
      subjectId: id,
      unitId: row.unitId,
      before: row,
      after: updated,
    });
    return updated!;
  });
}

// ---------------------------------------------------------------------------------------------
// Links to tickets and work orders

type LinkSubject = 'ticket' | 'work_order';

/** The ticket or work order, when the actor can see it (else the same 404 as opening it). */
async function linkableSubject(db: Db, actor: Actor, subjectType: LinkSubject, subjectId: string) {
  if (subjectType === 'ticket') {
    const loaded = await ticketInScope(db, actor, subjectId);
    return { unitId: loaded.ticket.unitId, customerId: loaded.ticket.customerId };
  }
  const loaded = await loadWorkOrder(db, subjectId);
  if (
    !loaded ||
    !seesWorkOrder(actor, { unitPath: loaded.unit.path, technicianId: loaded.order.technicianId })
  )
    throw workOrderErrors.notFound();
  return { unitId: loaded.order.unitId, customerId: loaded.order.customerId };
}

/**
 * Links a ticket or work order the actor can see to a running journey (a stage opened it, or it
 * belongs to the journey's case). It must be the journey's customer's when both name one: a link
 * never ties another customer's case in. Linking twice is a no-op.
 */
export function linkSubject(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { subjectType: LinkSubject; subjectId: string },
) {
  return onLockedJourney(deps, actor, id, 'journey.linked', async (tx, row, _t, stage, now) => {
    const subject = await linkableSubject(tx, actor, input.subjectType, input.subjectId);
    if (subject.customerId !== null && subject.customerId !== row.customerId)
      throw journeyErrors.linkOtherCustomer();
    await tx
      .insert(journeyLinks)
      .values({ journeyId: row.id, ...input, stage: stage.key, linkedBy: actor.userId, linkedAt: now })
      .onConflictDoNothing();
    return {};
  });
}

/**
 * Removes a link put on a running journey by mistake (by hand or by a stage): the ticket or work
 * order itself is untouched. Audited with the link removed; a link of another journey is a 404.
 */
export async function unlinkSubject(deps: Deps, actor: Actor, id: string, linkId: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(journeys).where(eq(journeys.id, id)).for('update');
    if (!row) throw journeyErrors.notFound();
    const unit = await findUnit(tx, row.unitId);
    assertCan(actor, 'journeys.run', unit?.path ?? [], journeyErrors.notFound);
    if (row.stage === null) throw journeyErrors.finished();
    const [removed] = await tx
      .delete(journeyLinks)
      .where(and(eq(journeyLinks.id, linkId), eq(journeyLinks.journeyId, id)))
      .returning();
    if (!removed) throw journeyErrors.linkNotFound();
    await tx.update(journeys).set({ updatedAt: now }).where(eq(journeys.id, id));
    await recordAudit(tx, now, actor, {
      action: 'journey.unlinked',
      subjectType: JOURNEY_SUBJECT,
      subjectId: id,
      unitId: row.unitId,
      before: removed,
      after: null,
    });
  });
}

/** The links of a journey with the number and title of each ticket or work order. */
export async function linksOf(db: Db, journeyId: string) {
  const rows = await db
    .select()
    .from(journeyLinks)
    .where(eq(journeyLinks.journeyId, journeyId))
    .orderBy(journeyLinks.linkedAt);
  const ids = (t: LinkSubject) => rows.filter((r) => r.subjectType === t).map((r) => r.subjectId);
  const ticketIds = ids('ticket');
  const orderIds = ids('work_order');
  const names = new Map<string, { number: string; title: string }>();
  if (ticketIds.length)
    for (const t of await db
      .select({ id: tickets.id, number: tickets.number, title: tickets.subject })
      .from(tickets)
      .where(inArray(tickets.id, ticketIds)))
      names.set(t.id, t);
  if (orderIds.length)
    for (const o of await db
      .select({ id: workOrders.id, number: workOrders.number, title: workOrders.problem })
      .from(workOrders)
      .where(inArray(workOrders.id, orderIds)))
      names.set(o.id, o);
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    number: names.get(r.subjectId)?.number ?? null,
    title: names.get(r.subjectId)?.title ?? null,
    stage: r.stage,
    linkedAt: r.linkedAt.toISOString(),
  }));
}

/** The journeys a ticket or work order the actor can see is linked to, those of the actor's units. */
export async function journeysLinkedTo(
  deps: Deps,
  actor: Actor,
  subjectType: LinkSubject,
  subjectId: string,
) {
  const roots = scopeOf(actor, 'journeys.read');
  await linkableSubject(deps.db, actor, subjectType, subjectId);
  const rows = await deps.db
    .select({ j: journeys, unitName: organisationUnits.name })
    .from(journeyLinks)
    .innerJoin(journeys, eq(journeys.id, journeyLinks.journeyId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, journeys.unitId))
    .where(
      and(
        eq(journeyLinks.subjectType, subjectType),
        eq(journeyLinks.subjectId, subjectId),
        unitsWithin(roots),
      ),
    )
    .orderBy(desc(journeys.createdAt));
  return { rows, now: deps.clock.now() };
}

// ---------------------------------------------------------------------------------------------
// JRN-1: a leftover issue started from a work order's acceptance

/** The system's own start of a journey inside the caller's transaction (no customer-scope check). */
async function startWithin(
  deps: Deps,
  tx: Db,
  actor: Actor,
  input: {
    templateCode: string;
    unitId: string;
    customerId: string;
    fields: Record<string, unknown>;
    note: string;
    sourceWorkOrderId: string;
    createdBy: string;
  },
  now: Date,
): Promise<JourneyRow | null> {
  await ensureShippedTemplates(tx, now);
  const templateRow = await latestTemplate(tx, input.templateCode);
  if (!templateRow) return null;
  const template = templateRow.definition;
  const first = template.stages[0]!;
  const [inserted] = await tx
    .insert(journeys)
    .values({
      unitId: input.unitId,
      customerId: input.customerId,
      templateId: templateRow.id,
      templateCode: template.code,
      templateVersion: template.version,
      stage: first.key,
      stageEnteredAt: now,
      forms: [],
      fields: input.fields,
      documents: [],
      approvals: [],
      payments: [],
      history: [],
      note: input.note,
      sourceWorkOrderId: input.sourceWorkOrderId,
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: journeys.sourceWorkOrderId })
    .returning();
  // The same completion processed twice: the first one's journey stands.
  if (!inserted) return null;
  const entered = await enterStage(deps, tx, actor, inserted, template, first, now);
  const [row] = await tx
    .update(journeys)
    .set({
      stageDueAt: entered.dueAt,
      payments: entered.payments,
      history: [
        {
          stage: first.key,
          enteredAt: now.toISOString(),
          dueAt: entered.dueAt?.toISOString() ?? null,
          leftAt: null,
        },
      ],
    })
    .where(eq(journeys.id, inserted.id))
    .returning();
  return row!;
}

/**
 * JRN-1: the customer did not accept some items on a work order's acceptance form (有问题). A
 * leftover-issue journey (遗留问题) is started for the order's customer with those items, owned by
 * whoever owns the customer conversation (else the technician), linked to the work order and its
 * ticket. Idempotent: a completion processed twice starts one journey. An order without a customer
 * cannot carry a journey; its leftovers stay on the order's acceptance and audit.
 */
export async function startLeftoverJourney(deps: Deps, tx: Db, e: WorkOrderCompletedEvent): Promise<void> {
  const items = e.leftoverIssues ?? [];
  if (items.length === 0 || e.customerId === null) return;
  // Work done on behalf of the conversation's owner (else the technician), as they would do it.
  let actor: Actor | null = null;
  for (const id of [e.ownerId, e.technicianId]) if (!actor && id) actor = await activeActorOf(tx, id);
  if (!actor) return;
  const now = deps.clock.now();
  const lines = items.map((i) => `${i.name} ×${i.quantity}：${i.note}`);
  const row = await startWithin(
    deps,
    tx,
    actor,
    {
      templateCode: LEFTOVER_ISSUE.code,
      unitId: e.unitId,
      customerId: e.customerId,
      fields: { workOrderNumber: e.workOrderNumber, leftoverItems: lines.join('；') },
      note: `派工单 ${e.workOrderNumber} 验收有问题：${lines.join('；')}`,
      sourceWorkOrderId: e.workOrderId,
      createdBy: actor.userId,
    },
    now,
  );
  if (!row) return;
  const links = [
    { subjectType: 'work_order' as const, subjectId: e.workOrderId },
    ...(e.ticketId ? [{ subjectType: 'ticket' as const, subjectId: e.ticketId }] : []),
  ];
  await tx
    .insert(journeyLinks)
    .values(links.map((l) => ({ journeyId: row.id, ...l, stage: row.stage, linkedBy: null, linkedAt: now })))
    .onConflictDoNothing();
  await recordAudit(tx, now, null, {
    action: 'journey.leftover_started',
    subjectType: JOURNEY_SUBJECT,
    subjectId: row.id,
    unitId: row.unitId,
    after: { ...row, leftoverIssues: items },
  });
}

// ---------------------------------------------------------------------------------------------
// Registration with the approval engine and the SLA engine

async function onDecided(tx: Db, request: ApprovalRow, status: 'approved' | 'sent_back', at: Date) {
  const [ja] = await tx
    .update(journeyApprovals)
    .set({ status, decidedAt: at })
    .where(eq(journeyApprovals.id, request.subjectId))
    .returning();
  if (!ja || status !== 'approved') return;
  await tx
    .update(journeys)
    .set({
      approvals: sql`array_append(array_remove(${journeys.approvals}, ${ja.key}), ${ja.key})`,
      updatedAt: at,
    })
    .where(eq(journeys.id, ja.journeyId));
}

/** SLA-8 as for a ticket: a breach escalates to the supervisor, a second period to the unit's manager. */
const SUPERVISOR_ROLES = ['cs_supervisor'];
const MANAGER_ROLES = ['store_manager', 'department_head', 'general_manager'];

/** Journeys' approvals and time limits, registered with the two engines. */
export function registerJourneyExtensions(): void {
  onBusinessEvent('workorder.completed', 'journeys.leftover', startLeftoverJourney);
  registerApprovalSubject(JOURNEY_APPROVAL_SUBJECT, {
    onApproved: (deps, tx, request) => onDecided(tx, request, 'approved', deps.clock.now()),
    onSentBack: (deps, tx, request, _actor, _reason, back) =>
      back.to === null ? onDecided(tx, request, 'sent_back', deps.clock.now()) : Promise.resolve(),
  });
  registerSlaSubject(JOURNEY_SUBJECT, async (db, ids) => {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length === 0) return new Set();
    const rows = await db
      .select({ id: journeys.id })
      .from(journeys)
      .where(and(isNotNull(journeys.stage), inArray(journeys.id, valid)));
    return new Set(rows.map((r) => r.id));
  });
  // SLA-8 for a journey stage or payment, as for a ticket's target: at risk reminds the owners (the
  // stage's role holders and whoever started the journey); breached tells them and escalates to the
  // nearest customer-service supervisor; the second period to the unit's manager.
  registerSlaNotices(JOURNEY_SUBJECT, async (db, target, step, now) => {
    const [row] = await db.select().from(journeys).where(eq(journeys.id, target.subjectId));
    if (!row || row.stage === null) return [];
    const [t] = await db.select().from(journeyTemplates).where(eq(journeyTemplates.id, row.templateId));
    const stage = t?.definition.stages.find((s) => s.key === row.stage);
    const path = (await findUnit(db, row.unitId))?.path ?? [];
    const notice = (recipientId: string, kind: NewNotification['kind']): NewNotification => ({
      recipientId,
      kind,
      subjectType: JOURNEY_SUBJECT,
      subjectId: row.id,
      targetId: target.id,
      stepId: step.id,
      payload: {
        template: row.templateCode,
        stage: row.stage,
        target: target.key,
        dueAt: target.dueAt?.toISOString() ?? null,
      },
      createdAt: now,
    });
    const owners = [
      ...new Set([...(await nearestRoleHolders(db, path, stage ? [stage.role] : [])), row.createdBy]),
    ];
    if (step.trigger === 'at_risk') return owners.map((id) => notice(id, 'at_risk'));
    const managers = (
      await nearestRoleHolders(db, path, step.trigger === 'breached' ? SUPERVISOR_ROLES : MANAGER_ROLES)
    ).filter((id) => !owners.includes(id));
    return [
      ...(step.trigger === 'breached' ? owners.map((id) => notice(id, 'breached')) : []),
      ...managers.map((id) => notice(id, 'escalated')),
    ];
  });
}
