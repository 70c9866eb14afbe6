/**
 * RPT-6: every report as an Excel workbook (exceljs, streamed): one sheet per table, the header row
 * frozen and filtered, widths set, counts as integers and rates in percent format. The same
 * workbook goes to the download and to scheduled e-mail deliveries.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import { labelsIn } from '../../../shared/common';
import {
  ACCOUNTABLE_LABELS,
  REPORT_KIND_LABELS,
  type AssessmentReport,
  type MonthlyReport,
  type NonconformityReport,
  type ReportKind,
  type ReportQuery,
} from '../../../shared/reports';
import type { Actor, Deps } from '../../app/context';
import {
  checkExportRows,
  type ReportColumn,
  type ReportSheet,
  writeWorkbook,
} from '../../app/report-workbook';
import { recordAudit } from '../audit/audit.service';
import { displayNames } from '../org/org.service';
import { assessmentReport, monthlyReport, nonconformityReport, STEP_ZH } from './reports.queries';
import { reportAnalyses } from './reports.table';

const ACCOUNTABLE_ZH = labelsIn(ACCOUNTABLE_LABELS, 'zh');
const PERCENT = '0.0%';
const INTEGER = '#,##0';

function summarySheet(
  title: string,
  report: {
    unitName: string | null;
    range: { label: string | null; from: string; to: string };
    asOf: string | null;
  },
  extra: [string, string][] = [],
): ReportSheet {
  return {
    name: '说明',
    columns: [
      { header: '项目', key: 'item', width: 16 },
      { header: '内容', key: 'value', width: 60 },
    ],
    rows: [
      ['报表', title],
      ['单位', report.unitName ?? '全部可见单位'],
      [
        '统计区间',
        `${report.range.label ? `${report.range.label}（` : ''}${report.range.from} 至 ${report.range.to}${report.range.label ? '）' : ''}`,
      ],
      ['数据截至', report.asOf ?? '尚未统计'],
      ...extra,
    ].map(([item, value]) => ({ item: item!, value: value! })),
  };
}

const countColumns = (label: string): ReportColumn[] => [
  { header: label, key: 'name', width: 28 },
  { header: '数量', key: 'count', width: 12, numFmt: INTEGER },
  { header: '占比', key: 'share', width: 10, numFmt: PERCENT },
];
function countRows(rows: { name: string; count: number }[]) {
  const total = rows.reduce((s, r) => s + r.count, 0);
  return rows.map((r) => ({ name: r.name, count: r.count, share: total === 0 ? 0 : r.count / total }));
}

export async function monthlySheets(deps: Deps, report: MonthlyReport): Promise<ReportSheet[]> {
  const latest =
    report.unitId && report.range.label
      ? (
          await deps.db
            .select()
            .from(reportAnalyses)
            .where(
              and(eq(reportAnalyses.unitId, report.unitId), eq(reportAnalyses.period, report.range.label)),
            )
            .orderBy(desc(reportAnalyses.version))
            .limit(1)
        )[0]
      : undefined;
  const names = latest
    ? await displayNames(deps.db, [latest.createdBy, latest.signedBy])
    : new Map<string, string>();
  const analysis: ReportSheet = {
    name: '月度分析',
    columns: [
      { header: '版本', key: 'version', width: 8, numFmt: INTEGER },
      { header: '撰写人', key: 'author', width: 14 },
      { header: '签署人', key: 'signer', width: 14 },
      { header: '签署时间', key: 'signedAt', width: 22 },
      { header: '分析内容', key: 'body', width: 100 },
    ],
    rows: latest
      ? [
          {
            version: latest.version,
            author: names.get(latest.createdBy) ?? '',
            signer: latest.signedBy ? (names.get(latest.signedBy) ?? '') : '未签署',
            signedAt: latest.signedAt?.toISOString() ?? '',
            body: latest.body,
          },
        ]
      : [],
  };
  return [
    summarySheet(REPORT_KIND_LABELS.monthly.zh, report, [
      ['工单总数', String(report.totals.tickets)],
      ['投诉数', String(report.totals.complaints)],
      ['产品原因投诉', String(report.totals.productCaused)],
      ['结账日', `每月 ${report.cutOffDay} 日`],
    ]),
    { name: '按类型', columns: countColumns('类型'), rows: countRows(report.byType) },
    { name: '按渠道', columns: countColumns('渠道'), rows: countRows(report.byChannel) },
    { name: '按原因', columns: countColumns('原因'), rows: countRows(report.byCause) },
    { name: '按产品', columns: countColumns('产品'), rows: countRows(report.byProduct) },
    { name: '按部门', columns: countColumns('责任部门'), rows: countRows(report.byDepartment) },
    { name: '客户评价', columns: countColumns('评价'), rows: countRows(report.evaluations) },
    {
      name: '趋势',
      columns: [
        { header: '月份', key: 'label', width: 10 },
        { header: '起', key: 'from', width: 12 },
        { header: '止', key: 'to', width: 12 },
        { header: '工单数', key: 'tickets', width: 10, numFmt: INTEGER },
        { header: '投诉数', key: 'complaints', width: 10, numFmt: INTEGER },
      ],
      rows: report.trend,
    },
    {
      name: '重复问题',
      columns: [
        { header: '产品', key: 'product', width: 24 },
        { header: '原因', key: 'cause', width: 24 },
        { header: '投诉数', key: 'count', width: 10, numFmt: INTEGER },
        { header: '责任部门', key: 'department', width: 16 },
        { header: '发现时间', key: 'raisedAt', width: 22 },
      ],
      rows: report.clusters.map((c) => ({
        product: c.product,
        cause: c.cause,
        count: c.count,
        department: c.departmentName ?? '',
        raisedAt: c.raisedAt,
      })),
    },
    analysis,
  ];
}

export function assessmentSheets(report: AssessmentReport): ReportSheet[] {
  return [
    summarySheet(REPORT_KIND_LABELS.assessment.zh, report),
    {
      name: '部门及时率',
      columns: [
        { header: '责任部门', key: 'departmentName', width: 18 },
        { header: '按时', key: 'onTime', width: 10, numFmt: INTEGER },
        { header: '超时', key: 'late', width: 10, numFmt: INTEGER },
        { header: '及时率', key: 'onTimeRate', width: 10, numFmt: PERCENT },
        { header: '投诉数', key: 'complaints', width: 10, numFmt: INTEGER },
        { header: '结案已考核', key: 'closeOutAssessed', width: 12, numFmt: INTEGER },
      ],
      rows: report.departments,
    },
    {
      name: '按环节',
      columns: [
        { header: '责任部门', key: 'departmentName', width: 18 },
        { header: '环节', key: 'step', width: 14 },
        { header: '责任方', key: 'accountable', width: 30 },
        { header: '按时', key: 'onTime', width: 10, numFmt: INTEGER },
        { header: '超时', key: 'late', width: 10, numFmt: INTEGER },
        { header: '及时率', key: 'onTimeRate', width: 10, numFmt: PERCENT },
      ],
      rows: report.rows.map((r) => ({
        ...r,
        step: STEP_ZH[r.step] ?? r.step,
        accountable: ACCOUNTABLE_ZH[r.accountable],
      })),
    },
    {
      name: '超时明细',
      columns: [
        { header: '工单号', key: 'ticketNumber', width: 18 },
        { header: '主题', key: 'subject', width: 36 },
        { header: '环节', key: 'step', width: 14 },
        { header: '责任部门', key: 'departmentName', width: 16 },
        { header: '应完成', key: 'dueAt', width: 22 },
        { header: '实际完成', key: 'endedAt', width: 22 },
      ],
      rows: report.breaches.map((b) => ({ ...b, step: STEP_ZH[b.step] ?? b.step })),
    },
  ];
}

export function nonconformitySheets(report: NonconformityReport): ReportSheet[] {
  return [
    summarySheet(REPORT_KIND_LABELS.nonconformity.zh, report, [['产品原因投诉', String(report.total)]]),
    {
      name: '明细',
      columns: [
        { header: '产品', key: 'product', width: 24 },
        { header: '缺陷', key: 'defect', width: 24 },
        { header: '原因', key: 'cause', width: 24 },
        { header: '数量', key: 'count', width: 10, numFmt: INTEGER },
      ],
      rows: report.rows,
    },
    { name: '按产品', columns: countColumns('产品'), rows: countRows(report.byProduct) },
    { name: '按缺陷', columns: countColumns('缺陷'), rows: countRows(report.byDefect) },
    { name: '按原因', columns: countColumns('原因'), rows: countRows(report.byCause) },
  ];
}

/** The sheets of one report for one filter (the caller's scope applies). */
export async function reportSheets(
  deps: Deps,
  actor: Actor,
  kind: ReportKind,
  q: ReportQuery,
): Promise<ReportSheet[]> {
  switch (kind) {
    case 'monthly':
      return monthlySheets(deps, await monthlyReport(deps, actor, q));
    case 'assessment':
      return assessmentSheets(await assessmentReport(deps, actor, q));
    case 'nonconformity':
      return nonconformitySheets(await nonconformityReport(deps, actor, q));
  }
}

export interface PreparedReportExport {
  filename: string;
  rowCount: number;
  write(out: Writable): Promise<void>;
}

/** Builds the report, refuses more rows than the limit (413 with the limit, RPT-6), audits the export. */
export async function prepareReportExport(
  deps: Deps,
  actor: Actor,
  kind: ReportKind,
  q: ReportQuery,
): Promise<PreparedReportExport> {
  const sheets = await reportSheets(deps, actor, kind, { ...q });
  const rowCount = checkExportRows(sheets, deps.config.reportExportMaxRows);
  const now = deps.clock.now();
  await deps.db.transaction((tx) =>
    recordAudit(tx, now, actor, {
      action: 'reports.exported',
      subjectType: 'report_export',
      subjectId: randomUUID(),
      unitId: q.unitId ?? null,
      after: { report: kind, filter: q, rows: rowCount },
    }),
  );
  const range = sheets[0]?.rows.find((r) => r.item === '统计区间')?.value ?? '';
  return {
    filename: `${REPORT_KIND_LABELS[kind].zh}-${String(range).slice(0, 7) || now.toISOString().slice(0, 10)}.xlsx`,
    rowCount,
    write: (out) => writeWorkbook(sheets, out),
  };
}
