/**
 * Turning planned care tasks into stored ones (CARE-1): inserted under their occurrence key (a replay
 * adds nothing), same-day calls of a customer merged (CARE-3), marketing skipped for opted-out
 * customers (CARE-4), SMS tasks handed to the outbox, call surveys prepared (SAT-3).
 */
import { eq } from 'drizzle-orm';
import { mergeKeyOf, type CareContext, type PlannedCareTask } from '../../../domain/care';
import { renderTemplate } from '../../../domain/messages';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { effectiveCalendar } from '../calendar/calendar.service';
import { customerNames, loadChildren } from '../customers/customers.service';
import { contactHoursOf, enqueueMessage, isMarketingOptedOut } from '../messages/messages.service';
import { unitContact, type UnitRow } from '../org/org.service';
import { users } from '../org/org.table';
import { inviteToSurvey } from '../surveys/surveys.service';
import { openMergeHead, type CareTaskRow } from './care.repository';
import { careTasks } from './care.table';

/** A unit's calendar and contact hours, what due times are computed with. */
export async function careContextOf(db: Db, unit: UnitRow): Promise<CareContext> {
  const [calendar, hours] = await Promise.all([effectiveCalendar(db, unit), contactHoursOf(db, unit.id)]);
  return { calendar, hours: { start: hours.start, end: hours.end }, timeZone: hours.timeZone };
}

/** Runs a side effect in a savepoint: when it fails, the care task records why and the caller's change still commits. */
async function softly<T>(deps: Deps, tx: Db, what: string, fn: (sp: Db) => Promise<T>): Promise<T | Error> {
  try {
    return await tx.transaction(async (sp) => fn(sp as unknown as Db));
  } catch (err) {
    deps.logger.warn({ err, what }, 'care side effect failed');
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** The customer's first mobile number (the archive lists the primary one first), or null. */
export async function mobileOf(db: Db, customerId: string): Promise<string | null> {
  const { phones } = await loadChildren(db, [customerId]);
  return phones.find((p) => p.kind === 'mobile')?.normalized ?? null;
}

/** Names, phones and the store for message templates and scripts. */
export async function messageVariables(
  db: Db,
  unit: UnitRow,
  customerName: string,
  employeeId: string | null,
): Promise<Record<string, string>> {
  // The org module has no helper returning a colleague's phone; read the two columns directly.
  const [employee] = employeeId
    ? await db
        .select({ name: users.displayName, phone: users.phone })
        .from(users)
        .where(eq(users.id, employeeId))
    : [];
  // The store the customer knows and its service phone (inherited from the company), never a
  // colleague's own mobile: a customer calling back reaches the service desk.
  const contact = await unitContact(db, unit);
  return {
    customerName,
    storeName: contact?.name ?? unit.name,
    storePhone: contact?.servicePhone ?? '本店服务热线',
    advisorName: employee?.name ?? '您的服务顾问',
    advisorPhone: employee?.phone ?? '本店服务热线',
    agentName: employee?.name ?? '',
  };
}

async function customerNameOf(db: Db, customerId: string): Promise<string | null> {
  return (await customerNames(db, [customerId])).get(customerId) ?? null;
}

/** Hands an SMS task to the outbox (service_done_sms, greetings): its template, or the script as the text. */
async function sendSmsTask(
  deps: Deps,
  tx: Db,
  unit: UnitRow,
  task: CareTaskRow,
): Promise<Partial<CareTaskRow>> {
  const to = await mobileOf(tx, task.customerId);
  if (!to) return { state: 'skipped', stateReason: 'no_mobile' };
  const name = (await customerNameOf(tx, task.customerId)) ?? '';
  const variables = {
    ...(await messageVariables(tx, unit, name, task.employeeId)),
    holidayName: task.note ?? '',
  };
  const body = task.messageTemplateCode ? undefined : renderTemplate(task.script, variables);
  if (body && !body.ok) return { state: 'skipped', stateReason: `missing:${body.missing.join(',')}` };
  const sent = await softly(deps, tx, 'care sms', (sp) =>
    enqueueMessage(deps, sp, {
      unitId: unit.id,
      customerId: task.customerId,
      channel: 'sms',
      to,
      ...(task.messageTemplateCode
        ? { templateCode: task.messageTemplateCode, variables }
        : { body: body?.ok ? body.text : task.script }),
      purpose: task.purpose,
      idempotencyKey: `care-task:${task.id}:sms`,
      notBefore: task.dueAt,
      source: { type: 'care_task', id: task.id },
    }),
  );
  if (sent instanceof Error) return { state: 'skipped', stateReason: 'message_failed' };
  return { state: 'sent', messageId: sent.id, doneAt: deps.clock.now() };
}

/**
 * Stores planned tasks for one unit. Returns only the tasks created now: a key already taken (the
 * event announced again, the day run again) creates nothing.
 */
export async function storePlannedTasks(
  deps: Deps,
  tx: Db,
  unit: UnitRow,
  planned: readonly PlannedCareTask[],
  extra: { employeeId?: string | null; ownerId?: string | null } = {},
): Promise<CareTaskRow[]> {
  if (planned.length === 0) return [];
  const now = deps.clock.now();
  const rows = await tx
    .insert(careTasks)
    .values(
      planned.map((p) => ({
        unitId: unit.id,
        customerId: p.customerId,
        assetId: p.assetId,
        ruleCode: p.rule.code,
        ruleName: p.rule.nameZh,
        channel: p.rule.channel,
        purpose: p.rule.purpose,
        script: p.rule.script,
        messageTemplateCode: p.rule.messageTemplateCode,
        surveyTemplateCode: p.rule.surveyTemplateCode,
        occurrenceKey: p.occurrenceKey,
        sourceType: p.source.type,
        sourceId: p.source.id,
        employeeId: extra.employeeId ?? null,
        // SAT-1: the satisfaction call is the service owner's, nobody else's.
        ownerId: p.rule.surveyTemplateCode && p.rule.channel === 'call' ? (extra.ownerId ?? null) : null,
        note: p.note,
        dueAt: new Date(p.dueAt),
        dueDate: p.dueDate,
        mergeKey: mergeKeyOf(p.customerId, p.dueDate, p.rule.channel),
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: careTasks.occurrenceKey })
    .returning();
  const created: CareTaskRow[] = [];
  const optedOut = new Map<string, boolean>();
  for (const row of rows) {
    let change: Partial<CareTaskRow> = {};
    if (row.purpose === 'marketing') {
      if (!optedOut.has(row.customerId))
        optedOut.set(row.customerId, await isMarketingOptedOut(tx, row.customerId));
      if (optedOut.get(row.customerId)) change = { state: 'skipped', stateReason: 'marketing_opt_out' };
    }
    if (!change.state && row.channel === 'sms') change = await sendSmsTask(deps, tx, unit, row);
    // The customer archive keeps phones only: an e-mail rule has no address to write to yet.
    if (!change.state && row.channel === 'email') change = { state: 'skipped', stateReason: 'no_email' };
    if (!change.state && row.channel === 'call' && row.mergeKey) {
      const head = await openMergeHead(tx, row.mergeKey, row.id);
      if (head) change = { state: 'merged', mergedInto: head.id };
    }
    if (!change.state && row.channel === 'call' && row.surveyTemplateCode) {
      const templateCode = row.surveyTemplateCode;
      const invited = await softly(deps, tx, 'care survey', (sp) =>
        inviteToSurvey(deps, sp, {
          templateCode,
          unitId: unit.id,
          customerId: row.customerId,
          subject: { type: 'care_task', id: row.id },
          employeeId: row.employeeId,
          delivery: 'call',
          idempotencyKey: `care-task:${row.id}:survey`,
        }),
      );
      if (!(invited instanceof Error)) change = { surveyInvitationId: invited.invitationId };
    }
    if (Object.keys(change).length > 0) {
      const [updated] = await tx.update(careTasks).set(change).where(eq(careTasks.id, row.id)).returning();
      created.push(updated ?? row);
    } else created.push(row);
  }
  return created;
}

/** Ids of tasks in one CARE-3 group (the head and the calls folded into it). */
export async function groupIds(db: Db, headId: string): Promise<string[]> {
  const rows = await db.select({ id: careTasks.id }).from(careTasks).where(eq(careTasks.mergedInto, headId));
  return [headId, ...rows.map((r) => r.id)];
}
