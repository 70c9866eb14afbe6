/**
 * The reports module's background work: the rollup refresh every scheduler pass (decision 0014)
 * and RPT-6 scheduled deliveries — once a day a job (`reports:deliver:<date>`) mails each
 * subscription that falls due that day its report as an Excel attachment through the outbox.
 * A delivery row per (subscription, period) makes a re-run send nothing twice.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { periodOf } from '../../../domain/reports';
import { REPORT_KIND_LABELS, type ReportQuery } from '../../../shared/reports';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import type { JobDefinition } from '../../jobs/jobs.types';
import { enqueueMessage } from '../messages/messages.service';
import { findUnit, loadGrants } from '../org/org.service';
import { users } from '../org/org.table';
import { reportWorkbook } from '../../app/report-workbook';
import { reportSheets } from './reports.export';
import { cutOffDayOf, localDateOf } from './reports.filter';
import { refreshRollups } from './reports.rollups';
import { reportDeliveries, reportSubscriptions } from './reports.table';
import { eq } from 'drizzle-orm';
import { XLSX } from '../../../shared/common';

export const DELIVERY_JOB = 'reports.deliver';
/** Deliveries are planned on the company's calendar day; the shipped companies keep China time. */
export const DELIVERY_TIME_ZONE = 'Asia/Shanghai';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * What a subscription sends on `today` (a local date), if anything: weekly ones on Monday for the
 * seven days before, monthly ones on the first day of a period for the period just closed.
 */
export function dueDelivery(
  frequency: 'weekly' | 'monthly',
  today: string,
  cutOffDay: number,
): { key: string; query: Pick<ReportQuery, 'period' | 'from' | 'to'> } | null {
  if (frequency === 'weekly') {
    if (new Date(`${today}T00:00:00Z`).getUTCDay() !== 1) return null;
    return { key: `week:${today}`, query: { from: addDays(today, -7), to: addDays(today, -1) } };
  }
  const current = periodOf(today, cutOffDay);
  if (!current.ok || current.period.from !== today) return null;
  const closed = periodOf(addDays(today, -1), cutOffDay);
  if (!closed.ok) return null;
  return { key: `period:${closed.period.label}`, query: { period: closed.period.label } };
}

/** Mails every subscription due on `today`; returns how many e-mails were queued. */
export async function deliverSubscriptions(deps: Deps, tx: Db, today: string): Promise<number> {
  const subs = await tx.select().from(reportSubscriptions);
  let queued = 0;
  for (const sub of subs) {
    const unit = await findUnit(tx, sub.unitId);
    if (!unit) continue;
    const due = dueDelivery(sub.frequency, today, await cutOffDayOf(tx, unit.path[0] ?? unit.id));
    if (!due) continue;
    const claimed = await tx
      .insert(reportDeliveries)
      .values({ subscriptionId: sub.id, periodKey: due.key, sentAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) continue;
    // The report is built with the subscriber's own rights today: someone who lost them gets nothing.
    const [owner] = await tx.select().from(users).where(eq(users.id, sub.createdBy));
    if (!owner || owner.status !== 'active') continue;
    const actor: Actor = {
      userId: owner.id,
      username: owner.username,
      displayName: owner.displayName,
      grants: await loadGrants(tx, owner.id),
      ip: null,
    };
    const query: ReportQuery = {
      unitId: sub.unitId,
      ...due.query,
      ...(sub.types.length ? { types: sub.types as ReportQuery['types'] } : {}),
    };
    let bytes: Buffer;
    try {
      // Read in the job's own transaction (the embedded database has one connection).
      bytes = await reportWorkbook(await reportSheets({ ...deps, db: tx }, actor, sub.report, query));
    } catch (err) {
      deps.logger.warn({ err, subscription: sub.id }, 'scheduled report not built');
      continue;
    }
    const title = `${REPORT_KIND_LABELS[sub.report].zh}（${unit.name}，${due.query.period ?? `${due.query.from} 至 ${due.query.to}`}）`;
    for (const to of sub.recipients) {
      await enqueueMessage(deps, tx, {
        unitId: sub.unitId,
        customerId: null,
        channel: 'email',
        to,
        subject: title,
        body: `您好：\n\n附件是${title}，请查收。\n\n—— Kefu 客服系统（定时发送）`,
        attachments: [
          {
            filename: `${REPORT_KIND_LABELS[sub.report].zh}.xlsx`,
            contentType: XLSX,
            contentBase64: bytes.toString('base64'),
          },
        ],
        purpose: 'service',
        idempotencyKey: `report:${sub.id}:${due.key}:${to}`,
        source: { type: 'report_subscription', id: sub.id },
      });
      queued++;
    }
  }
  return queued;
}

const payload = z.object({ date: z.string() });
export const reportDeliveryJob: JobDefinition<z.infer<typeof payload>> = {
  kind: DELIVERY_JOB,
  payload,
  async handle(deps, tx, jobs) {
    for (const job of jobs) await deliverSubscriptions(deps, tx, job.payload.date);
  },
};

/** Each scheduler pass: bring the rollups up to date, and plan today's deliveries once. */
export async function reportsPeriodic(deps: Deps): Promise<void> {
  await refreshRollups(deps);
  const now = deps.clock.now();
  const today = localDateOf(now, DELIVERY_TIME_ZONE);
  const any = await deps.db.execute(sql`select 1 from report_subscriptions limit 1`);
  if ((any as { rows: unknown[] }).rows.length === 0) return;
  await enqueueJobs(deps.db, now, [
    { id: `reports:deliver:${today}`, kind: DELIVERY_JOB, payload: { date: today } },
  ]);
}
