/**
 * Report commands: the monthly analysis written by the intake owner (RPT-2: every save a new
 * version, signing freezes one), the company's cut-off day, and scheduled deliveries (RPT-6).
 * Each is scope-checked, one transaction, audited.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { can, scopeRoots, type PermissionCode } from '../../../domain/permissions';
import { periodNamed, validCutOffDay } from '../../../domain/reports';
import {
  MONTHLY_ONLY_REPORTS,
  TYPED_REPORTS,
  type AnalysisHistory,
  type AnalysisVersion,
  type DeliverableReport,
  type Subscription,
  type SubscriptionInput,
} from '../../../shared/reports';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { displayNames, findUnit, unitNames, unitsWithin, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { reportErrors } from './reports.errors';
import { cutOffDayOf, throwPeriodError } from './reports.filter';
import { reportAnalyses, reportSettings, reportSubscriptions } from './reports.table';

/** The unit, when the caller holds `permission` there (404 otherwise, as for any record out of scope). */
async function unitFor(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permission: Parameters<typeof can>[1],
): Promise<UnitRow> {
  if (scopeRoots(actor.grants, permission).length === 0) throw authErrors.forbidden({ permission });
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, permission, unit.path)) throw reportErrors.unitNotFound();
  return unit;
}

function checkPeriod(label: string): void {
  const named = periodNamed(label);
  if (!named.ok) throwPeriodError(named.error);
}

type AnalysisRow = typeof reportAnalyses.$inferSelect;
async function presentVersions(db: Db, rows: AnalysisRow[]): Promise<AnalysisVersion[]> {
  const names = await displayNames(
    db,
    rows.flatMap((r) => [r.createdBy, r.signedBy]),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    body: r.body,
    createdBy: names.get(r.createdBy) ?? r.createdBy,
    createdAt: r.createdAt.toISOString(),
    signedBy: r.signedBy ? (names.get(r.signedBy) ?? r.signedBy) : null,
    signedAt: r.signedAt?.toISOString() ?? null,
  }));
}

/** RPT-2: every version of a unit's monthly analysis, newest first. */
export async function analysisHistory(
  deps: Deps,
  actor: Actor,
  q: { unitId: string; period: string },
): Promise<AnalysisHistory> {
  await unitFor(deps, actor, q.unitId, 'reports.read');
  checkPeriod(q.period);
  const rows = await deps.db
    .select()
    .from(reportAnalyses)
    .where(and(eq(reportAnalyses.unitId, q.unitId), eq(reportAnalyses.period, q.period)))
    .orderBy(desc(reportAnalyses.version));
  return { unitId: q.unitId, period: q.period, versions: await presentVersions(deps.db, rows) };
}

/**
 * RPT-2: saves the analysis as the next version (a version is never changed).
 */
export async function saveAnalysis(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; period: string; body: string },
): Promise<AnalysisVersion> {
  const unit = await unitFor(deps, actor, input.unitId, 'reports.analysis.write');
  checkPeriod(input.period);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    // Two saves racing for one version number collide on the unique key; the later takes the next.
    let created: AnalysisRow | undefined;
    for (let attempt = 0; !created && attempt < 5; attempt++) {
      const [last] = await tx
        .select({ version: reportAnalyses.version })
        .from(reportAnalyses)
        .where(and(eq(reportAnalyses.unitId, unit.id), eq(reportAnalyses.period, input.period)))
        .orderBy(desc(reportAnalyses.version))
        .limit(1);
      [created] = await tx
        .insert(reportAnalyses)
        .values({
          unitId: unit.id,
          period: input.period,
          version: (last?.version ?? 0) + 1,
          body: input.body,
          createdBy: actor.userId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
    }
    if (!created) throw new Error('monthly analysis version not drawn after 5 attempts');
    await recordAudit(tx, now, actor, {
      action: 'reports.analysis_saved',
      subjectType: 'report_analysis',
      subjectId: created!.id,
      unitId: unit.id,
      after: { period: input.period, version: created!.version, length: input.body.length },
    });
    return created!;
  });
  return (await presentVersions(deps.db, [row]))[0]!;
}

/** RPT-2: signs the latest version; a signed version never changes (a later save makes a new one). */
export async function signAnalysis(deps: Deps, actor: Actor, id: string): Promise<AnalysisVersion> {
  const now = deps.clock.now();
  const [visible] = await deps.db.select().from(reportAnalyses).where(eq(reportAnalyses.id, id));
  if (!visible) throw reportErrors.analysisNotFound();
  await unitFor(deps, actor, visible.unitId, 'reports.analysis.write').catch(() => {
    throw reportErrors.analysisNotFound();
  });
  const row = await deps.db.transaction(async (tx) => {
    // Locked so two signatures of one version cannot both land.
    const [found] = await tx.select().from(reportAnalyses).where(eq(reportAnalyses.id, id)).for('update');
    if (!found) throw reportErrors.analysisNotFound();
    if (found.signedAt) throw reportErrors.analysisAlreadySigned();
    const [latest] = await tx
      .select({ version: reportAnalyses.version })
      .from(reportAnalyses)
      .where(and(eq(reportAnalyses.unitId, found.unitId), eq(reportAnalyses.period, found.period)))
      .orderBy(desc(reportAnalyses.version))
      .limit(1);
    if (latest && latest.version !== found.version) throw reportErrors.analysisNotLatest();
    const [signed] = await tx
      .update(reportAnalyses)
      .set({ signedBy: actor.userId, signedAt: now })
      .where(eq(reportAnalyses.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'reports.analysis_signed',
      subjectType: 'report_analysis',
      subjectId: id,
      unitId: found.unitId,
      after: { period: found.period, version: found.version },
    });
    return signed!;
  });
  return (await presentVersions(deps.db, [row]))[0]!;
}

/** RPT-2: the company's cut-off day (the root unit of `unitId`, or of the caller's scope). */
export async function reportSettingsOf(deps: Deps, actor: Actor, unitId: string | undefined) {
  const roots = scopeRoots(actor.grants, 'reports.read');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'reports.read' });
  const unit = await unitFor(deps, actor, unitId ?? roots[0]!, 'reports.read');
  const companyId = unit.path[0] ?? unit.id;
  return { unitId: companyId, cutOffDay: await cutOffDayOf(deps.db, companyId) };
}

/** RPT-2: sets the company's cut-off day; needs reports.manage at the company (root) unit. */
export async function saveReportSettings(
  deps: Deps,
  actor: Actor,
  unitId: string | undefined,
  cutOffDay: number,
) {
  if (!validCutOffDay(cutOffDay)) throw reportErrors.cutOffDayInvalid({ cutOffDay });
  const roots = scopeRoots(actor.grants, 'reports.manage');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'reports.manage' });
  const start = await findUnit(deps.db, unitId ?? roots[0]!);
  const companyId = start ? (start.path[0] ?? start.id) : '';
  const company = await unitFor(deps, actor, companyId || (unitId ?? ''), 'reports.manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await cutOffDayOf(tx, company.id);
    await tx
      .insert(reportSettings)
      .values({ unitId: company.id, cutOffDay, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: reportSettings.unitId,
        set: { cutOffDay, updatedBy: actor.userId, updatedAt: now },
      });
    await recordAudit(tx, now, actor, {
      action: 'reports.settings_changed',
      subjectType: 'report_settings',
      subjectId: company.id,
      unitId: company.id,
      before: { cutOffDay: before },
      after: { cutOffDay },
    });
  });
  return { unitId: company.id, cutOffDay };
}

/** What a subscriber needs where the report is read, besides reports.manage to subscribe. */
const DELIVERY_READ_PERMISSION: Record<DeliverableReport, PermissionCode> = {
  monthly: 'reports.read',
  assessment: 'reports.read',
  nonconformity: 'reports.read',
  lapsed: 'care.read',
  satisfaction: 'surveys.read',
  quality: 'quality.review',
  hotline: 'telephony.report',
};

type SubscriptionRow = typeof reportSubscriptions.$inferSelect;
async function presentSubscriptions(db: Db, rows: SubscriptionRow[]): Promise<Subscription[]> {
  const names = await unitNames(
    db,
    rows.map((r) => r.unitId),
  );
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: names.get(r.unitId) ?? '',
    report: r.report,
    frequency: r.frequency,
    types: r.types,
    recipients: r.recipients,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** RPT-6: the scheduled deliveries of units the caller manages reports in. */
export async function listSubscriptions(deps: Deps, actor: Actor): Promise<Subscription[]> {
  const roots = scopeRoots(actor.grants, 'reports.manage');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'reports.manage' });
  const rows = await deps.db
    .select()
    .from(reportSubscriptions)
    .where(
      sql`${reportSubscriptions.unitId} in (select ${organisationUnits.id} from ${organisationUnits} where ${unitsWithin(roots)})`,
    )
    .orderBy(desc(reportSubscriptions.createdAt))
    .limit(500);
  return presentSubscriptions(deps.db, rows);
}

/**
 * RPT-6: a report e-mailed as an Excel attachment every Monday or after every cut-off — this
 * module's reports, lapsed customers, monthly satisfaction, quality review or the hotline report.
 */
export async function createSubscription(
  deps: Deps,
  actor: Actor,
  input: SubscriptionInput,
): Promise<Subscription> {
  const unit = await unitFor(deps, actor, input.unitId, 'reports.manage');
  // The subscriber must be able to read the report there: it is built with their rights.
  const permission = DELIVERY_READ_PERMISSION[input.report];
  if (!can(actor.grants, permission, unit.path)) throw authErrors.forbidden({ permission });
  if (input.frequency === 'weekly' && MONTHLY_ONLY_REPORTS.includes(input.report))
    throw reportErrors.subscriptionMonthlyOnly({ report: input.report });
  if (input.types.length > 0 && !TYPED_REPORTS.includes(input.report))
    throw reportErrors.subscriptionTypesNotOffered({ report: input.report });
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(reportSubscriptions)
      .values({
        unitId: unit.id,
        report: input.report,
        frequency: input.frequency,
        types: input.types,
        recipients: [...new Set(input.recipients.map((r) => r.toLowerCase()))],
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'reports.subscription_created',
      subjectType: 'report_subscription',
      subjectId: created!.id,
      unitId: unit.id,
      after: { report: input.report, frequency: input.frequency, recipients: created!.recipients },
    });
    return created!;
  });
  return (await presentSubscriptions(deps.db, [row]))[0]!;
}

export async function deleteSubscription(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  const [found] = await deps.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, id));
  if (!found) throw reportErrors.subscriptionNotFound();
  await unitFor(deps, actor, found.unitId, 'reports.manage').catch((err: unknown) => {
    throw err instanceof AppError && err.status === 403 ? err : reportErrors.subscriptionNotFound();
  });
  await deps.db.transaction(async (tx) => {
    await tx.delete(reportSubscriptions).where(eq(reportSubscriptions.id, id));
    await recordAudit(tx, now, actor, {
      action: 'reports.subscription_deleted',
      subjectType: 'report_subscription',
      subjectId: id,
      unitId: found.unitId,
      before: { report: found.report, frequency: found.frequency, recipients: found.recipients },
    });
  });
}
