import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { labelsIn } from '../../../shared/common';
import { SLA_SUMMARY_STATE_LABELS } from '../../../shared/sla';
import { TICKET_CHANNEL_LABELS, TICKET_STATE_LABELS, TICKET_TYPE_LABELS } from '../../../shared/tickets';
import type { Deps } from '../../app/context';
import { EXPORT_CHUNK, MAX_EXPORT_ROWS, type ListExport } from '../../app/list-export';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';
import { teams } from '../routing/routing.table';
import { slaSummaries, ticketFilter, type SlaSummary, type TicketFilter } from './tickets.queries';
import { tickets } from './tickets.table';

const TYPE_ZH = labelsIn(TICKET_TYPE_LABELS, 'zh');
// One source for the names (src/shared): the export says what the web shows.
const STATE_ZH = labelsIn(TICKET_STATE_LABELS, 'zh');
const CHANNEL_ZH = labelsIn(TICKET_CHANNEL_LABELS, 'zh');
const SLA_ZH = labelsIn(SLA_SUMMARY_STATE_LABELS, 'zh');

type ExportRow = Awaited<ReturnType<typeof exportRows>>[number] & { sla: SlaSummary | undefined };

/**
 * The ticket list as Excel through the one list export (app/list-export.ts): tickets.export, the
 * list's own filter and scope. The ids are taken once in the list's order, then read 500 at a time
 * with their names joined, so a long export neither holds every row nor drifts while it streams.
 */
export const ticketsExport: ListExport<TicketFilter, ExportRow> = {
  name: 'tickets',
  title: '工单',
  permission: 'tickets.export',
  timeZone: (r) => r.timezone,
  columns: [
    { header: '工单号', width: 18, value: (r) => r.number },
    { header: '类型', width: 14, value: (r) => TYPE_ZH[r.type] },
    { header: '状态', width: 12, value: (r) => STATE_ZH[r.state] },
    { header: '渠道', width: 12, value: (r) => CHANNEL_ZH[r.channel] },
    { header: '客户', width: 14, value: (r) => r.customer },
    { header: '主题', width: 40, value: (r) => r.subject },
    { header: '受理时间', width: 18, kind: 'datetime', value: (r) => r.receivedAt },
    {
      header: '接诉人',
      width: 14,
      value: (r) => r.intakeAgent ?? (r.intakeOrigin === 'customer_survey' ? '客户（满意度调查）' : null),
    },
    {
      header: '处理人',
      width: 18,
      value: (r) => [r.assigneeUser, r.assigneeTeam, r.assigneeDepartment].filter(Boolean).join(' / '),
    },
    { header: '下一个截止时间', width: 18, kind: 'datetime', value: (r) => r.sla?.nextDueAt ?? null },
    { header: '时限状态', width: 12, value: (r) => SLA_ZH[r.sla?.state ?? 'none'] },
  ],
  async open(deps, actor, filter) {
    const { where, order } = await ticketFilter(deps, actor, filter);
    const ids = (
      await deps.db
        .select({ id: tickets.id })
        .from(tickets)
        .where(where)
        .orderBy(...order)
        .limit(MAX_EXPORT_ROWS + 1)
    ).map((r) => r.id);
    return {
      total: ids.length,
      async *chunks() {
        for (let i = 0; i < ids.length; i += EXPORT_CHUNK) {
          const chunk = ids.slice(i, i + EXPORT_CHUNK);
          const [rows, sla] = await Promise.all([exportRows(deps, chunk), slaSummaries(deps, chunk)]);
          const byId = new Map(rows.map((r) => [r.id, r]));
          // A ticket deleted between the count and the write is left out.
          yield chunk.flatMap((id) => {
            const r = byId.get(id);
            return r ? [{ ...r, sla: sla.get(id) }] : [];
          });
        }
      },
    };
  },
};

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
