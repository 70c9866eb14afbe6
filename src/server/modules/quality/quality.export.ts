/**
 * RPT-7/RPT-6: the quality review of a month as an Excel workbook — each agent's figures (reviews,
 * average final score, appeals, appeals that changed the score) and the month's reviews one by one.
 * The same sheets go to the download and to the reports module's scheduled e-mail deliveries.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { labelsIn } from '../../../shared/common';
import {
  REVIEW_STATE_LABELS,
  REVIEW_SUBJECT_LABELS,
  SAMPLE_REASON_LABELS,
  type FiguresQuery,
} from '../../../shared/quality';
import type { Actor, Deps } from '../../app/context';
import { attachment, checkExportRows, reportWorkbook, type ReportSheet } from '../../app/report-workbook';
import { recordAudit } from '../audit/audit.service';
import { localDateOf } from '../../../domain/calendar';
import { organisationUnits } from '../org/org.table';
import { presentSummaries, qualityFigures, readScope } from './quality.queries';
import { qualityReviews } from './quality.table';

const STATE_ZH = labelsIn(REVIEW_STATE_LABELS, 'zh');
const SUBJECT_ZH = labelsIn(REVIEW_SUBJECT_LABELS, 'zh');
const REASON_ZH = labelsIn(SAMPLE_REASON_LABELS, 'zh');

/** The month's figures and reviews the caller may see; the review list stops one past `maxRows`. */
export async function qualitySheets(
  deps: Deps,
  actor: Actor,
  q: FiguresQuery,
  maxRows = deps.config.reportExportMaxRows,
): Promise<ReportSheet[]> {
  const figures = await qualityFigures(deps, actor, q);
  const month = figures.month;
  const scope = await readScope(deps, actor, q.unitId);
  const rows = await deps.db
    .select({ review: qualityReviews, timeZone: organisationUnits.timezone })
    .from(qualityReviews)
    .innerJoin(organisationUnits, eq(organisationUnits.id, qualityReviews.unitId))
    .where(and(scope, eq(qualityReviews.month, month)))
    .orderBy(desc(qualityReviews.handledAt), qualityReviews.id)
    .limit(maxRows + 1);
  const zones = new Map(rows.map((r) => [r.review.id, r.timeZone]));
  const reviews = await presentSummaries(
    deps.db,
    rows.map((r) => r.review),
  );
  return [
    {
      name: '坐席质检成绩',
      columns: [
        { header: '坐席', key: 'agent', width: 14 },
        { header: '质检数', key: 'reviews', width: 10, numFmt: '#,##0' },
        { header: '平均得分（百分制）', key: 'averagePercent', width: 18, numFmt: '0.0' },
        { header: '申诉', key: 'appeals', width: 8, numFmt: '#,##0' },
        { header: '申诉改分', key: 'appealsRevised', width: 10, numFmt: '#,##0' },
      ],
      rows: figures.items.map((i) => ({
        agent: i.agent.name,
        reviews: i.reviews,
        averagePercent: i.averagePercent,
        appeals: i.appeals,
        appealsRevised: i.appealsRevised,
      })),
    },
    {
      name: '质检明细',
      columns: [
        { header: '单位', key: 'unit', width: 18 },
        { header: '类别', key: 'subjectType', width: 10 },
        { header: '工单/回访', key: 'subject', width: 20 },
        { header: '坐席', key: 'agent', width: 12 },
        { header: '评分人', key: 'reviewer', width: 12 },
        { header: '抽检原因', key: 'reason', width: 12 },
        { header: '状态', key: 'state', width: 20 },
        { header: '处理日期', key: 'handledOn', width: 12 },
        { header: '得分', key: 'percent', width: 8, numFmt: '0.0' },
        { header: '最终得分', key: 'finalPercent', width: 10, numFmt: '0.0' },
      ],
      rows: reviews.map((r) => ({
        unit: r.unit.name,
        subjectType: SUBJECT_ZH[r.subjectType],
        subject: r.subjectLabel,
        agent: r.agent.name,
        reviewer: r.reviewer?.name ?? '',
        reason: REASON_ZH[r.reason],
        state: STATE_ZH[r.state],
        handledOn: localDateOf(new Date(r.handledAt), zones.get(r.id) ?? 'Asia/Shanghai'),
        percent: r.percent,
        finalPercent: r.finalPercent,
      })),
    },
  ];
}

/** RPT-7/RPT-6: the month's quality review as Excel (refused past the row limit); audited. */
export async function qualityWorkbook(deps: Deps, actor: Actor, q: FiguresQuery) {
  const month = q.month ?? (await qualityFigures(deps, actor, q)).month;
  const sheets = await qualitySheets(deps, actor, { ...q, month });
  const rows = checkExportRows(sheets, deps.config.reportExportMaxRows);
  const body = await reportWorkbook(sheets);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps.clock.now(), actor, {
      action: 'quality.figures_exported',
      subjectType: 'report_export',
      subjectId: randomUUID(),
      unitId: q.unitId ?? null,
      after: { ...q, rows },
    }),
  );
  return { body, disposition: attachment('quality-review.xlsx', `质检月报-${month}.xlsx`) };
}
