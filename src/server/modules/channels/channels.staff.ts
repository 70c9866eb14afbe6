/**
 * Staff notices in WeCom (企业微信) and DingTalk (钉钉): every in-app notice (SLA at risk or
 * breached, an approval waiting, a new assignment, a care call due, a close-out step…) for an
 * active person whose WeCom or DingTalk userid an administrator has set goes out as an app message,
 * in the person's interface language, with a link to its page in Kefu, through each enabled staff-notice account of a unit the person belongs to (or above it).
 * The message is queued in the transaction that wrote the notice and sent by the periodic pass,
 * never in the request: retried with backoff (1, 2, 4 … min, at most 2 h), failed after the last
 * attempt or a refusal retrying cannot change; the account shows the last error on the admin page.
 */
import { and, asc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { onNotificationsCreated, type NotificationRow } from '../notifications/notifications.service';
import { getUser } from '../org/org.service';
import { memberships, organisationUnits, users } from '../org/org.table';
import { channelErrors } from './channels.errors';
import { staffMessages } from './channels.staff.table';
import { PermanentSendError, sendStaffNotice, type StaffAccount } from './channels.staff-vendors';
import { channelAccounts } from './channels.table';
import { noteAccountError, secretsOf } from './channels.usecases';

export const STAFF_MAX_ATTEMPTS = 6;
const LEASE_MS = 2 * 60_000;
const BATCH = 50;

/** What each notice kind says in the message title (the in-app list's wording). */
const TITLES: Record<string, string> = {
  at_risk: '工单即将超时',
  breached: '工单已超时',
  escalated: '超时工单已升级给您',
  department_replied: '部门已回复',
  praise: '收到表扬',
  complaint_cluster: '同类投诉集中出现',
  evaluation_dissatisfied: '客户评价不满意',
  survey_weekly_summary: '满意度周报',
  close_out_turn: '投诉结案轮到您',
  approval_turn: '有一项审批等您处理',
  approval_sent_back: '您的申请被退回',
  cancellation_signed: '总经理已签字取消订单',
  approval_reminder: '审批即将到期',
  approval_overdue: '审批已超时',
  approval_escalated: '审批超时已上报',
  kb_answer_expiring: '您负责的答客问即将到期',
  contract_renewal_due: '维保合同即将到期，请跟进续约',
  assigned: '有一项工作分派给您',
  care_task_due: '您的回访任务已到期',
  customer_replied: '客户在自助服务中回复了工单',
};

/** The same in English, for a person whose interface language is English (their own setting). */
const TITLES_EN: Record<string, string> = {
  at_risk: 'Ticket due soon',
  breached: 'Ticket overdue',
  escalated: 'An overdue ticket was escalated to you',
  department_replied: 'The department replied',
  praise: 'Praise received',
  complaint_cluster: 'A cluster of similar complaints',
  evaluation_dissatisfied: 'A customer was dissatisfied',
  survey_weekly_summary: 'Weekly satisfaction summary',
  close_out_turn: 'Complaint close-out: your step',
  approval_turn: 'An approval is waiting for you',
  approval_sent_back: 'Your request was sent back',
  cancellation_signed: 'The general manager signed the order cancellation',
  approval_reminder: 'Approval due soon',
  approval_overdue: 'Approval overdue',
  approval_escalated: 'Overdue approval escalated',
  kb_answer_expiring: 'An answer you own expires soon',
  contract_renewal_due: 'A maintenance contract ends soon: follow up the renewal',
  assigned: 'Work was assigned to you',
  care_task_due: 'Your care call is due',
  customer_replied: 'The customer replied on the portal',
};

/** The page of a notice's subject in the web app (as the in-app list links it). */
export function subjectPath(subjectType: string, subjectId: string): string {
  switch (subjectType) {
    case 'ticket':
      return `/tickets/${subjectId}`;
    case 'work_order':
    case 'workorder':
      return `/workorders/${subjectId}`;
    case 'return_request':
      return `/returns/${subjectId}`;
    case 'approval_request':
      return '/approvals';
    case 'survey_week':
      return '/surveys/weekly';
    case 'maintenance_contract':
      return '/workorders/contracts';
    case 'care_task':
      return '/care/worklist';
    default:
      return '/notifications';
  }
}

function noticeText(row: NotificationRow, locale: 'zh-CN' | 'en') {
  const en = locale === 'en';
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const pick = (...keys: string[]) =>
    keys.map((k) => payload[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const number = pick('ticketNumber', 'number', 'requestNumber');
  const subject = pick('subject', 'title', 'summary', 'name');
  const due = pick('dueAt');
  const lines = [
    number && subject ? `${number} ${subject}` : (number ?? subject),
    due && (en ? `Due: ${due}` : `期限：${due}`),
  ];
  return {
    title: (en ? TITLES_EN[row.kind] : TITLES[row.kind]) ?? (en ? 'Kefu notice' : '客服系统通知'),
    description: lines.filter(Boolean).join('\n') || (en ? 'Open it in Kefu' : '请在客服系统中查看'),
  };
}

/**
 * Queues the app messages of freshly written notices, in their transaction. Costs one query when no
 * staff-notice account is enabled.
 */
export async function queueStaffMessages(
  db: Db,
  rows: readonly NotificationRow[],
  publicUrl: string | undefined,
) {
  if (rows.length === 0) return;
  const accounts = await db
    .select({ id: channelAccounts.id, kind: channelAccounts.kind, unitId: channelAccounts.unitId })
    .from(channelAccounts)
    .where(
      and(inArray(channelAccounts.kind, ['wecom_app', 'dingtalk_app']), eq(channelAccounts.enabled, true)),
    )
    .orderBy(asc(channelAccounts.createdAt));
  if (accounts.length === 0) return;
  const recipientIds = [...new Set(rows.map((r) => r.recipientId))];
  const people = await db
    .select({
      id: users.id,
      wecom: users.wecomUserId,
      dingtalk: users.dingtalkUserId,
      status: users.status,
      locale: users.locale,
    })
    .from(users)
    .where(inArray(users.id, recipientIds));
  const mapped = people.filter((p) => p.status === 'active' && (p.wecom || p.dingtalk));
  if (mapped.length === 0) return;
  const paths = await db
    .select({ userId: memberships.userId, path: organisationUnits.path })
    .from(memberships)
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .where(
      inArray(
        memberships.userId,
        mapped.map((p) => p.id),
      ),
    );
  const now = rows[0]!.createdAt;
  const values: (typeof staffMessages.$inferInsert)[] = [];
  for (const row of rows) {
    const person = mapped.find((p) => p.id === row.recipientId);
    if (!person) continue;
    const unitPaths = paths.filter((p) => p.userId === person.id).map((p) => p.path);
    const text = noticeText(row, person.locale);
    const url = `${publicUrl ?? ''}${subjectPath(row.subjectType, row.subjectId)}`;
    for (const kind of ['wecom_app', 'dingtalk_app'] as const) {
      const externalUserId = kind === 'wecom_app' ? person.wecom : person.dingtalk;
      if (!externalUserId) continue;
      // The first account of the kind in one of the person's units or above: one message per channel.
      const account = accounts.find(
        (a) => a.kind === kind && unitPaths.some((path) => path.includes(a.unitId)),
      );
      if (!account) continue;
      values.push({
        accountId: account.id,
        recipientId: person.id,
        externalUserId,
        notificationId: row.id,
        ...text,
        url,
        state: 'queued',
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  if (values.length > 0) await db.insert(staffMessages).values(values).onConflictDoNothing();
}

/** Hooks staff messages onto every notice written (the channels module's registration). */
export function registerStaffNotices(deps: Pick<Deps, 'config'>): void {
  onNotificationsCreated('channels.staff', (db, rows) => queueStaffMessages(db, rows, deps.config.publicUrl));
}

/** 1, 2, 4 … minutes after the attempts so far, at most 2 hours. */
export function staffBackoffMs(attempts: number): number {
  return Math.min(2 * 60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * One delivery pass: claims due messages (and ones whose sender died mid-send) in a short
 * transaction, sends each outside any transaction, records each answer on its own. Answers how
 * many were sent.
 */
export async function deliverStaffMessages(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: staffMessages.id })
      .from(staffMessages)
      .where(
        and(
          or(eq(staffMessages.state, 'queued'), eq(staffMessages.state, 'sending')),
          lte(staffMessages.nextAttemptAt, now),
        ),
      )
      .orderBy(asc(staffMessages.nextAttemptAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(staffMessages)
      .set({
        state: 'sending',
        attempts: sql`${staffMessages.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
      })
      .where(
        inArray(
          staffMessages.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  let sent = 0;
  const accounts = new Map<string, StaffAccount | null>();
  for (const msg of claimed) {
    if (!accounts.has(msg.accountId)) {
      const [row] = await deps.db.select().from(channelAccounts).where(eq(channelAccounts.id, msg.accountId));
      accounts.set(
        msg.accountId,
        row && row.enabled
          ? {
              id: row.id,
              kind: row.kind as StaffAccount['kind'],
              version: row.updatedAt.getTime(),
              settings: row.settings as unknown as StaffAccount['settings'],
              secret: secretsOf(deps, row)[row.kind === 'wecom_app' ? 'corpSecret' : 'appSecret'] ?? '',
            }
          : null,
      );
    }
    const account = accounts.get(msg.accountId)!;
    let outcome: { ok: true; id: string } | { ok: false; error: string; permanent: boolean };
    if (!account) outcome = { ok: false, error: 'account disabled', permanent: true };
    else {
      try {
        outcome = {
          ok: true,
          id: await sendStaffNotice(account, msg.externalUserId, {
            title: msg.title,
            description: msg.description,
            url: msg.url,
          }),
        };
      } catch (err) {
        outcome = {
          ok: false,
          error: (err as Error).message.slice(0, 500),
          permanent: err instanceof PermanentSendError,
        };
      }
    }
    const at = deps.clock.now();
    // Fenced on the attempt: a pass that outlived its lease does not overwrite a newer one.
    const fence = and(eq(staffMessages.id, msg.id), eq(staffMessages.attempts, msg.attempts));
    if (outcome.ok) {
      sent++;
      await deps.db
        .update(staffMessages)
        .set({ state: 'sent', sentAt: at, providerMessageId: outcome.id, lastError: null })
        .where(fence);
      if (account) await noteAccountError(deps.db, msg.accountId, at, null);
    } else {
      const last = outcome.permanent || msg.attempts >= STAFF_MAX_ATTEMPTS;
      deps.logger.warn({ staffMessageId: msg.id, error: outcome.error, last }, 'staff notice not sent');
      await deps.db
        .update(staffMessages)
        .set({
          state: last ? 'failed' : 'queued',
          lastError: outcome.error,
          nextAttemptAt: new Date(at.getTime() + staffBackoffMs(msg.attempts)),
        })
        .where(fence);
      if (account) await noteAccountError(deps.db, msg.accountId, at, outcome.error);
    }
  }
  return sent;
}

export interface StaffIds {
  userId: string;
  wecomUserId: string | null;
  dingtalkUserId: string | null;
  dingtalkUnionId: string | null;
}

const staffIdColumns = {
  wecomUserId: users.wecomUserId,
  dingtalkUserId: users.dingtalkUserId,
  dingtalkUnionId: users.dingtalkUnionId,
};

export async function getStaffIds(deps: Deps, actor: Actor, userId: string): Promise<StaffIds> {
  await getUser(deps, actor, userId);
  const [row] = await deps.db.select(staffIdColumns).from(users).where(eq(users.id, userId));
  return {
    userId,
    wecomUserId: row?.wecomUserId ?? null,
    dingtalkUserId: row?.dingtalkUserId ?? null,
    dingtalkUnionId: row?.dingtalkUnionId ?? null,
  };
}

/**
 * An administrator (org.users.manage in one of the person's units) maps them to their WeCom/DingTalk
 * userid (notices; WeCom sign-in) and DingTalk unionId (DingTalk sign-in). An identity another
 * person already has is refused: sign-in must find exactly one person.
 */
export async function setStaffIds(
  deps: Deps,
  actor: Actor,
  userId: string,
  ids: {
    wecomUserId: string | null;
    dingtalkUserId: string | null;
    dingtalkUnionId?: string | null | undefined;
  },
): Promise<StaffIds> {
  const { memberships: units } = await getUser(deps, actor, userId);
  if (!units.some((m) => can(actor.grants, 'org.users.manage', m.unitPath)))
    throw channelErrors.userNotFound();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    for (const [field, column] of [
      ['wecomUserId', users.wecomUserId],
      ['dingtalkUnionId', users.dingtalkUnionId],
    ] as const) {
      const value = ids[field];
      if (!value) continue;
      const [other] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(column, value), ne(users.id, userId)));
      if (other) throw authErrors.ssoIdentityTaken({ field });
    }
    const [before] = await tx.select(staffIdColumns).from(users).where(eq(users.id, userId));
    const change = {
      wecomUserId: ids.wecomUserId,
      dingtalkUserId: ids.dingtalkUserId,
      ...(ids.dingtalkUnionId !== undefined ? { dingtalkUnionId: ids.dingtalkUnionId } : {}),
    };
    const [after] = await tx.update(users).set(change).where(eq(users.id, userId)).returning(staffIdColumns);
    await recordAudit(tx, now, actor, {
      action: 'channel.staff_ids_set',
      subjectType: 'user',
      subjectId: userId,
      unitId: null,
      before: before ?? null,
      after: change,
    });
    return { userId, ...after! };
  });
}
