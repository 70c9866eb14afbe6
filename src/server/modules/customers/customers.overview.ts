import { scopeRoots } from '../../../domain/permissions';
import type { PermissionCode } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { maskNumbersInText } from '../../app/response-masking';
import { careTasksOfCustomer } from '../care/care.service';
import { listContacts } from '../contacts/contacts.service';
import { memberLedger, memberOfCustomer } from '../members/members.service';
import { listOrders } from '../orders/orders.service';
import { surveysOfCustomer } from '../surveys/surveys.service';
import { listTickets } from '../tickets/tickets.service';
import { listWorkOrders } from '../workorders/workorders.service';
import { logView } from './customers.access';
import { presentAsset } from './customers.presenter';
import type { CustomerRecord } from './customers.repository';
import { getCustomer, seesFullNumbers } from './customers.usecases';

/** How many rows each section of the 360° view lists (the count is of all). */
export const OVERVIEW_ROWS = 10;

export const OVERVIEW_SECTIONS = [
  'orders',
  'assets',
  'tickets',
  'workOrders',
  'contacts',
  'followUps',
  'surveys',
  'membership',
] as const;
export type OverviewSectionName = (typeof OVERVIEW_SECTIONS)[number];

/** One line of a section: what it is, its state, when, where — never a phone or ID number. */
export interface OverviewItem {
  id: string;
  title: string;
  detail: string | null;
  state: string | null;
  at: string | null;
  unitName: string | null;
}
export interface OverviewSection {
  /** False when the caller holds the section's permission nowhere: nothing was read. */
  allowed: boolean;
  total: number;
  items: OverviewItem[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const denied: OverviewSection = { allowed: false, total: 0, items: [] };

/**
 * CUS-1: the whole customer at a glance — orders, assets, tickets, work orders, contacts,
 * follow-ups, surveys, points and membership. Each section is read through its own module's
 * exported query, which scopes it by the caller's units (ORG-1: a store agent sees their store's
 * rows only); numbers in free text are masked for a caller without the unmask right (CUS-4). The
 * read is a view of the record, written to the access log (CUS-3).
 */
export async function customerOverview(deps: Deps, actor: Actor, id: string) {
  const record = await getCustomer(deps, actor, id);
  await logView(deps, actor, id, record.customer.unitId, 'view');
  return collectOverview(deps, actor, record, OVERVIEW_ROWS, !seesFullNumbers(actor, record.unitPath));
}

/** The sections of a record already loaded and scope-checked, `rows` lines each (PIPL export: all). */
export async function collectOverview(
  deps: Deps,
  actor: Actor,
  record: CustomerRecord,
  rows: number,
  masked: boolean,
) {
  const id = record.customer.id;
  const text = (v: string | null | undefined) =>
    v == null || v === '' ? null : masked ? maskNumbersInText(v) : v;
  const may = (perm: PermissionCode) => scopeRoots(actor.grants, perm).length > 0;
  const page = { page: 1, pageSize: rows };

  const section = async (
    perm: PermissionCode,
    read: () => Promise<{ total: number; items: OverviewItem[] }>,
  ): Promise<OverviewSection> => {
    if (!may(perm)) return denied;
    const { total, items } = await read();
    return {
      allowed: true,
      total,
      items: items.map((i) => ({ ...i, title: text(i.title) ?? '', detail: text(i.detail) })),
    };
  };

  const [orders, tickets, workOrders, contacts, followUps, surveys, membership] = await Promise.all([
    section('orders.read', async () => {
      const r = await listOrders(deps, actor, { customerId: id, ...page });
      return {
        total: r.total,
        items: r.items.map((o) => ({
          id: o.id,
          title: o.orderNo,
          detail: o.lines.map((l) => `${l.product}${l.quantity > 1 ? ` ×${l.quantity}` : ''}`).join('、'),
          state: o.pickedUpAt || o.deliveredAt ? 'delivered' : o.paidAt ? 'paid' : 'ordered',
          at: iso(o.orderedAt),
          unitName: o.unitName,
        })),
      };
    }),
    section('tickets.read', async () => {
      const r = await listTickets(deps, actor, { customerId: id, ...page });
      return {
        total: r.total,
        items: r.items.map((t) => ({
          id: t.id,
          title: `${t.number} ${t.subject}`,
          detail: t.description.slice(0, 200),
          state: t.state,
          at: iso(t.receivedAt),
          unitName: null,
        })),
      };
    }),
    section('workorders.read', async () => {
      const r = await listWorkOrders(deps, actor, { customerId: id, ...page });
      return {
        total: r.total,
        items: r.items.map((w) => ({
          id: w.id,
          title: w.number,
          detail: w.problem,
          state: w.state,
          at: w.createdAt,
          unitName: w.unitName,
        })),
      };
    }),
    section('contacts.read', async () => {
      const r = await listContacts(deps, actor, { customerId: id, ...page });
      return {
        total: r.total,
        items: r.items.map(({ contact: c }) => ({
          id: c.id,
          title: c.summary.slice(0, 200),
          detail: null,
          state: `${c.channel}:${c.direction}`,
          at: iso(c.occurredAt),
          unitName: null,
        })),
      };
    }),
    section('care.read', async () => {
      const r = await careTasksOfCustomer(deps, actor, id, rows);
      return {
        total: r.total,
        items: r.items.map((c) => ({
          id: c.id,
          title: c.ruleName,
          detail: c.outcome,
          state: c.state,
          at: iso(c.doneAt ?? c.dueAt),
          unitName: c.unitName,
        })),
      };
    }),
    section('surveys.read', async () => {
      const r = await surveysOfCustomer(deps, actor, id, rows);
      return {
        total: r.total,
        items: r.items.map((s) => ({
          id: s.id,
          title: s.title,
          detail: [
            s.csat !== null ? `CSAT ${s.csat}` : null,
            s.nps !== null ? `NPS ${s.nps}` : null,
            s.satisfaction,
            s.comment,
          ]
            .filter(Boolean)
            .join(' · '),
          state: s.answeredAt ? 'answered' : 'sent',
          at: iso(s.answeredAt ?? s.createdAt),
          unitName: s.unitName,
        })),
      };
    }),
    membershipOf(deps, actor, id, may('members.read'), rows),
  ]);

  const sections: Record<OverviewSectionName, OverviewSection> = {
    orders,
    assets: {
      allowed: true,
      total: record.assets.length,
      items: record.assets.map((a) => {
        const p = presentAsset(a);
        return {
          id: p.id,
          title: [p.name, p.model].filter(Boolean).join(' '),
          detail: text(p.number),
          state: p.kind,
          at: p.purchaseDate,
          unitName: null,
        };
      }),
    },
    tickets,
    workOrders,
    contacts,
    followUps,
    surveys,
    membership: membership.section,
  };
  return { customerId: id, member: membership.member, sections };
}

/** MEM-1: the member number, level, joined date, balance and the latest points entries. */
async function membershipOf(deps: Deps, actor: Actor, customerId: string, allowed: boolean, rows: number) {
  if (!allowed) return { member: null, section: denied };
  const row = await memberOfCustomer(deps.db, customerId);
  if (!row) return { member: null, section: { allowed: true, total: 0, items: [] } };
  try {
    const { member, items } = await memberLedger(deps, actor, row.id);
    return {
      member: {
        id: member.id,
        memberNumber: member.memberNumber,
        level: member.level,
        joinedOn: member.joinedOn,
        balance: member.balance,
        unitName: member.unitName,
      },
      section: {
        allowed: true,
        total: items.length,
        items: items.slice(0, rows).map((e) => ({
          id: e.id,
          title: `${e.points > 0 ? '+' : ''}${e.points}`,
          detail: e.reason,
          state: e.kind,
          at: e.at,
          unitName: null,
        })),
      },
    };
  } catch {
    // A member kept at a unit outside the caller's scope: the section shows nothing of it.
    return { member: null, section: { allowed: true, total: 0, items: [] } };
  }
}
