/**
 * The reports module's background work: the rollup refresh every scheduler pass (decision 0014)
 * and RPT-6 scheduled deliveries — once a local day per time zone of the subscribed units, a job
 * (`reports:deliver:<date>:<zone>`) mails each subscription that falls due that day its report as an
 * Excel attachment through the outbox: this module's reports and the other modules' (RPT-4 lapsed
 * customers, RPT-5 monthly satisfaction, RPT-7 quality review, SLA-9 hotline), each the same
 * workbook its page exports. A delivery row per (subscription, period) makes a re-run send nothing twice.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { localDateOf } from '../../../domain/calendar';
import { periodOf } from '../../../domain/reports';
import { XLSX } from '../../../shared/common';
import {
  DELIVERABLE_REPORT_LABELS,
  type DeliverableReport,
  type ReportKind,
  type ReportQuery,
} from '../../../shared/reports';
import type { Actor, Deps } from '../../app/context';
import { rowsOf, type Db } from '../../app/db';
import { checkExportRows, reportWorkbook, type ReportSheet } from '../../app/report-workbook';
import { enqueueJobs } from '../../jobs/jobs.repository';
import type { JobDefinition } from '../../jobs/jobs.types';
import { lapsedSheets } from '../care/care.service';
import { enqueueMessage } from '../messages/messages.service';
import { loadGrants } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { qualitySheets } from '../quality/quality.service';
import { monthlySatisfactionSheets } from '../surveys/surveys.service';
import { hotlineSheets } from '../telephony/telephony.service';
import { reportSheets } from './reports.export';
import { cutOffDayOf } from './reports.filter';
import { refreshRollups } from './reports.rollups';
import { reportDeliveries, reportSubscriptions } from './reports.table';

export const DELIVERY_JOB = 'reports.deliver';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface DueDelivery {
  key: string;
  /** The report month ('YYYY-MM') of a monthly delivery; null for a week. */
  label: string | null;
  /** First and last local date covered (inclusive). */
  from: string;
  to: string;
  query: Pick<ReportQuery, 'period' | 'from' | 'to'>;
}

/**
 * What a subscription sends on `today` (a local date), if anything: weekly ones on Monday for the
 * seven days before, monthly ones on the first day of a period for the period just closed.
 */
export function dueDelivery(
  frequency: 'weekly' | 'monthly',
  today: string,
  cutOffDay: number,
): DueDelivery | null {
  if (frequency === 'weekly') {
    if (new Date(`${today}T00:00:00Z`).getUTCDay() !== 1) return null;
    const [from, to] = [addDays(today, -7), addDays(today, -1)];
    return { key: `week:${today}`, label: null, from, to, query: { from, to } };
  }
  const current = periodOf(today, cutOffDay);
  if (!current.ok || current.period.from !== today) return null;
  const closed = periodOf(addDays(today, -1), cutOffDay);
  if (!closed.ok) return null;
  const { label, from, to } = closed.period;
  return { key: `period:${label}`, label, from, to, query: { period: label } };
}

type SubscriptionRow = typeof reportSubscriptions.$inferSelect;

/** The sheets of one delivery, read with the subscriber's rights (the report's own scope checks). */
async function deliverySheets(
  deps: Deps,
  actor: Actor,
  sub: SubscriptionRow,
  due: DueDelivery,
): Promise<ReportSheet[] | null> {
  const unitId = sub.unitId;
  const report: DeliverableReport = sub.report;
  switch (report) {
    case 'monthly':
    case 'assessment':
    case 'nonconformity':
      return reportSheets(deps, actor, report satisfies ReportKind, {
        unitId,
        ...due.query,
        ...(sub.types.length ? { types: sub.types as ReportQuery['types'] } : {}),
      });
    case 'lapsed':
      return lapsedSheets(deps, actor, { unitId, from: due.from, to: due.to });
    case 'hotline':
      return hotlineSheets(deps, actor, { unitId, from: due.from, to: due.to });
    // Report-month reports go out after a cut-off only (a weekly one is refused when subscribed).
    case 'satisfaction':
      return due.label ? monthlySatisfactionSheets(deps, actor, { unitId, month: due.label }) : null;
    case 'quality':
      return due.label ? qualitySheets(deps, actor, { unitId, month: due.label }) : null;
  }
}

/**
 * Mails every subscription due on `today` — the local date in `timeZone`, the zone of the
 * subscription's unit (all zones when left out); returns how many e-mails were queued.
 */
export async function deliverSubscriptions(
  deps: Deps,
  tx: Db,
  today: string,
  timeZone?: string,
): Promise<number> {
  const subs = await tx
    .select({ sub: reportSubscriptions, unit: organisationUnits })
    .from(reportSubscriptions)
    .innerJoin(organisationUnits, eq(organisationUnits.id, reportSubscriptions.unitId))
    .where(timeZone ? eq(organisationUnits.timezone, timeZone) : undefined);
  let queued = 0;
  for (const { sub, unit } of subs) {
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
    let bytes: Buffer;
    try {
      // Read in the job's own transaction (the embedded database has one connection).
      const sheets = await deliverySheets({ ...deps, db: tx }, actor, sub, due);
      if (!sheets) continue;
      checkExportRows(sheets, deps.config.reportExportMaxRows);
      bytes = await reportWorkbook(sheets);
    } catch (err) {
      deps.logger.warn({ err, subscription: sub.id }, 'scheduled report not built');
      continue;
    }
    const name = DELIVERABLE_REPORT_LABELS[sub.report].zh;
    const title = `${name}（${unit.name}，${due.label ?? `${due.from} 至 ${due.to}`}）`;
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
            filename: `${name}-${due.label ?? due.from}.xlsx`,
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

const payload = z.object({ date: z.string(), timeZone: z.string().optional() });
export const reportDeliveryJob: JobDefinition<z.infer<typeof payload>> = {
  kind: DELIVERY_JOB,
  payload,
  async handle(deps, tx, jobs) {
    for (const job of jobs) await deliverSubscriptions(deps, tx, job.payload.date, job.payload.timeZone);
  },
};

/**
 * Each scheduler pass: bring the rollups up to date, and plan today's deliveries once per time zone
 * of the subscribed units — a store in Urumqi time gets its Monday report on its own Monday.
 */
export async function reportsPeriodic(deps: Deps): Promise<void> {
  await refreshRollups(deps);
  const zones = rowsOf<{ zone: string }>(
    await deps.db.execute(sql`
      select distinct u.timezone as zone
      from report_subscriptions s join organisation_units u on u.id = s.unit_id`),
  );
  if (zones.length === 0) return;
  const now = deps.clock.now();
  await enqueueJobs(
    deps.db,
    now,
    zones.map(({ zone }) => {
      const today = localDateOf(now, zone);
      return {
        id: `reports:deliver:${today}:${zone}`,
        kind: DELIVERY_JOB,
        payload: { date: today, timeZone: zone },
      };
    }),
  );
}
