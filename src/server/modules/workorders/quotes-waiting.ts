/**
 * Issue 18 item 7: approved, customer-signed quotes (PAY-3) still waiting on finance — the money not
 * yet collected, or collected on site and not yet handed over (PAY-4) — or on the warehouse (their
 * part lines not yet requisitioned; the parts module supplies the condition on its journal, so the
 * database cuts each page after every filter).
 */
import {
  and,
  asc,
  count,
  eq,
  isNotNull,
  isNull,
  notInArray,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { customerNames } from '../customers/customers.service';
import { organisationUnits } from '../org/org.table';
import { quoteTotals } from '../../../domain/workorders';
import { workOrderQuotes } from './pricing.table';
import { workOrders } from './workorders.table';

export interface WaitingQuote {
  workOrderId: string;
  number: string;
  unitId: string;
  unitName: string;
  state: string;
  customerName: string | null;
  totalFen: number;
  partLines: { name: string; quantity: number }[];
  signedAt: string;
  paymentMethod: 'on_site' | 'invoice' | null;
  paymentAt: string | null;
}

function rootsOf(actor: Actor, permission: string) {
  return actor.grants.filter((g) => g.permissions.includes(permission as never)).map((g) => g.unitId);
}

/** One page of a waiting list (the common page/pageSize convention), and its total. */
export interface WaitingPage {
  page: number;
  pageSize: number;
}

async function signedQuotes(
  db: Db,
  roots: readonly string[],
  extra: SQL | undefined,
  paging: WaitingPage,
): Promise<{ items: WaitingQuote[]; total: number }> {
  if (roots.length === 0) return { items: [], total: 0 };
  const inUnits = sql`${organisationUnits.path} && array[${sql.join(
    roots.map((r) => sql`${r}`),
    sql`, `,
  )}]::uuid[]`;
  const where = and(
    inUnits,
    isNotNull(workOrderQuotes.approvedAt),
    isNotNull(workOrderQuotes.customerSignedAt),
    notInArray(workOrders.state, ['cancelled']),
    extra,
  );
  const rows = await db
    .select({
      q: workOrderQuotes,
      number: workOrders.number,
      unitId: workOrders.unitId,
      unitName: organisationUnits.name,
      state: workOrders.state,
      customerId: workOrders.customerId,
    })
    .from(workOrderQuotes)
    .innerJoin(workOrders, eq(workOrders.id, workOrderQuotes.workOrderId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, workOrders.unitId))
    .where(where)
    .orderBy(asc(workOrderQuotes.customerSignedAt), asc(workOrders.number), asc(workOrders.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const [counted] = await db
    .select({ n: count() })
    .from(workOrderQuotes)
    .innerJoin(workOrders, eq(workOrders.id, workOrderQuotes.workOrderId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, workOrders.unitId))
    .where(where);
  const names = await customerNames(
    db,
    rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
  const items = rows.map((r): WaitingQuote => ({
    workOrderId: r.q.workOrderId,
    number: r.number,
    unitId: r.unitId,
    unitName: r.unitName,
    state: r.state,
    customerName: r.customerId ? (names.get(r.customerId) ?? '') : null,
    totalFen: quoteTotals(r.q.lines).totalFen,
    partLines: r.q.lines
      .filter((l) => l.kind === 'part')
      .map((l) => ({ name: l.name, quantity: l.quantity })),
    signedAt: r.q.customerSignedAt!.toISOString(),
    paymentMethod: r.q.paymentMethod,
    paymentAt: r.q.paymentAt?.toISOString() ?? null,
  }));
  return { items, total: Number(counted?.n ?? 0) };
}

/** Finance's queue: signed quotes not yet paid, or paid on site and not yet handed over; a page at a time. */
export async function quotesWaitingForFinance(deps: Deps, actor: Actor, paging: WaitingPage) {
  return signedQuotes(
    deps.db,
    rootsOf(actor, 'workorders.read'),
    or(
      isNull(workOrderQuotes.paymentAt),
      and(eq(workOrderQuotes.paymentMethod, 'on_site'), isNull(workOrderQuotes.handedOverAt)),
    ),
    paging,
  );
}

/**
 * The warehouse's queue, a page at a time: signed quotes with part lines on orders still open, in the
 * units where the caller reads work orders. `notIssued` is the parts module's condition on its own
 * journal (no requisition yet for the order whose id column it is given), applied in the same query so
 * a page is full however many earlier orders were issued.
 */
export async function signedQuotesWithParts(
  deps: Deps,
  actor: Actor,
  paging: WaitingPage,
  notIssued: (workOrderId: AnyColumn) => SQL,
) {
  return signedQuotes(
    deps.db,
    rootsOf(actor, 'workorders.read'),
    and(
      notInArray(workOrders.state, ['closed', 'verified', 'completed']),
      sql`${workOrderQuotes.lines} @> '[{"kind":"part"}]'::jsonb`,
      notIssued(workOrders.id),
    ),
    paging,
  );
}
