import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { scopeRoots } from '../../../domain/permissions';
import { labelsIn } from '../../../shared/common';
import { SLA_SUMMARY_STATE_LABELS } from '../../../shared/sla';
import { TICKET_CHANNEL_LABELS, TICKET_STATE_LABELS, TICKET_TYPE_LABELS } from '../../../shared/tickets';
import type { Actor, Deps } from '../../app/context';
import { defineError } from '../../app/errors';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';
import { teams } from '../routing/routing.table';
import { slaSummaries, ticketFilter, type TicketFilter } from './tickets.queries';
import { tickets } from './tickets.table';

/** More rows than this is a report, not a list: narrow the filter (dates, unit) or ask for a data extract. */
export const MAX_EXPORT_ROWS = 50_000;
const CHUNK = 1_000;

export const exportErrors = {
  tooManyRows: defineError(
    'tickets.export_too_large',
    413,
    `导出最多 ${MAX_EXPORT_ROWS.toLocaleString('en-US')} 条工单，请缩小筛选范围（日期、单位等）后再导出`,
    `An export holds at most ${MAX_EXPORT_ROWS.toLocaleString('en-US')} tickets; narrow the filter (dates, unit) and try again`,
  ),
};

const TYPE_ZH = labelsIn(TICKET_TYPE_LABELS, 'zh');
// One source for the names (src/shared): the export says what the web shows.
const STATE_ZH = labelsIn(TICKET_STATE_LABELS, 'zh');
const CHANNEL_ZH = labelsIn(TICKET_CHANNEL_LABELS, 'zh');
const SLA_ZH = labelsIn(SLA_SUMMARY_STATE_LABELS, 'zh');

export const EXPORT_COLUMNS = [
  { header: '工单号', key: 'number', width: 18 },
  { header: '类型', key: 'type', width: 14 },
  { header: '状态', key: 'state', width: 12 },
  { header: '渠道', key: 'channel', width: 12 },
  { header: '客户', key: 'customer', width: 14 },
  { header: '主题', key: 'subject', width: 40 },
  { header: '受理时间', key: 'receivedAt', width: 18 },
  { header: '接诉人', key: 'intakeAgent', width: 12 },
  { header: '处理人', key: 'assignee', width: 18 },
  { header: '下一个截止时间', key: 'nextDueAt', width: 18 },
  { header: '时限状态', key: 'slaState', width: 12 },
] as const;

/** 2026-03-02 10:00 in the ticket's unit's own time zone (Excel cells have none). */
function localTime(at: Date | null, timeZone: string): string {
  if (!at) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export interface PreparedExport {
  rowCount: number;
  /** Writes the workbook to `out` and ends it. */
  write(out: Writable): Promise<void>;
}

/**
 * Checks the caller may export (tickets.export anywhere; the list scope still applies), counts the
 * rows (413 beyond MAX_EXPORT_ROWS) and records who exported which filter, before any byte is sent.
 */
export async function prepareExport(deps: Deps, actor: Actor, filter: TicketFilter): Promise<PreparedExport> {
  if (scopeRoots(actor.grants, 'tickets.export').length === 0)
    throw authErrors.forbidden({ permission: 'tickets.export' });
  const { where, order } = await ticketFilter(deps, actor, filter);
  const idRows = await deps.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(where)
    .orderBy(...order)
    .limit(MAX_EXPORT_ROWS + 1);
  if (idRows.length > MAX_EXPORT_ROWS) throw exportErrors.tooManyRows({ max: MAX_EXPORT_ROWS });
  const ids = idRows.map((r) => r.id);
  const now = deps.clock.now();
  await deps.db.transaction((tx) =>
    recordAudit(tx, now, actor, {
      action: 'tickets.exported',
      subjectType: 'ticket_export',
      subjectId: randomUUID(),
      unitId: filter.unitId ?? null,
      after: { filter, rows: ids.length },
    }),
  );
  return { rowCount: ids.length, write: (out) => writeWorkbook(deps, ids, out) };
}

async function writeWorkbook(deps: Deps, ids: string[], out: Writable): Promise<void> {
  // exceljs is large; loading it on the first export keeps it out of the idle server's memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('工单');
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [rows, sla] = await Promise.all([exportRows(deps, chunk), slaSummaries(deps, chunk)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of chunk) {
      const r = byId.get(id);
      if (!r) continue; // deleted between the count and the write
      const s = sla.get(id);
      sheet
        .addRow({
          number: r.number,
          type: TYPE_ZH[r.type],
          state: STATE_ZH[r.state],
          channel: CHANNEL_ZH[r.channel],
          customer: r.customer ?? '',
          subject: r.subject,
          receivedAt: localTime(r.receivedAt, r.timezone),
          intakeAgent: r.intakeAgent ?? (r.intakeOrigin === 'customer_survey' ? '客户（满意度调查）' : ''),
          assignee: [r.assigneeUser, r.assigneeTeam, r.assigneeDepartment].filter(Boolean).join(' / '),
          nextDueAt: localTime(s?.nextDueAt ?? null, r.timezone),
          slaState: SLA_ZH[s?.state ?? 'none'],
        })
        .commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

// Reads the customers, users, teams and units tables for names in a join: the rows of a
// 1,000-ticket chunk are named in one query instead of four look-ups per ticket.
const intake = alias(users, 'intake_user');
const assignee = alias(users, 'assignee_user');
const department = alias(organisationUnits, 'department');
const unit = alias(organisationUnits, 'ticket_unit');
function exportRows(deps: Deps, ids: string[]) {
  return deps.db
    .select({
      id: tickets.id,
      number: tickets.number,
      type: tickets.type,
      state: tickets.state,
      channel: tickets.channel,
      subject: tickets.subject,
      receivedAt: tickets.receivedAt,
      customer: customers.name,
      intakeAgent: intake.displayName,
      intakeOrigin: tickets.intakeOrigin,
      assigneeUser: assignee.displayName,
      assigneeTeam: teams.name,
      assigneeDepartment: department.name,
      timezone: sql<string>`coalesce(${unit.timezone}, 'Asia/Shanghai')`,
    })
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(intake, eq(intake.id, tickets.intakeAgentId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeUserId))
    .leftJoin(teams, eq(teams.id, tickets.assigneeTeamId))
    .leftJoin(department, eq(department.id, tickets.assigneeDepartmentId))
    .leftJoin(unit, eq(unit.id, tickets.unitId))
    .where(inArray(tickets.id, ids));
}
