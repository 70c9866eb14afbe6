/**
 * Issue 18 item 7: approved, customer-signed quotes (PAY-3) still waiting on finance — the money not
 * yet collected, or collected on site and not yet handed over (PAY-4) — or on the warehouse (their
 * part lines not yet requisitioned; the parts module filters those it has issued).
 */
import { and, asc, eq, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
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

async function signedQuotes(db: Db, roots: readonly string[], extra: ReturnType<typeof and>) {
  if (roots.length === 0) return [];
  const inUnits = sql`${organisationUnits.path} && array[${sql.join(
    roots.map((r) => sql`${r}`),
    sql`, `,
  )}]::uuid[]`;
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
    .where(
      and(
        inUnits,
        isNotNull(workOrderQuotes.approvedAt),
        isNotNull(workOrderQuotes.customerSignedAt),
        notInArray(workOrders.state, ['cancelled']),
        extra,
      ),
    )
    .orderBy(asc(workOrderQuotes.customerSignedAt))
    .limit(500);
  const names = await customerNames(
    db,
    rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
  return rows.map((r): WaitingQuote => ({
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
}

/** Finance's queue: signed quotes not yet paid, or paid on site and not yet handed over. */
export async function quotesWaitingForFinance(deps: Deps, actor: Actor): Promise<WaitingQuote[]> {
  return signedQuotes(
    deps.db,
    rootsOf(actor, 'workorders.read'),
    and(
      or(
        isNull(workOrderQuotes.paymentAt),
        and(eq(workOrderQuotes.paymentMethod, 'on_site'), isNull(workOrderQuotes.handedOverAt)),
      ),
    ),
  );
}

/**
 * The warehouse's candidates: signed quotes with part lines on orders still open, in the units
 * where the caller reads work orders (the parts module drops those already requisitioned).
 */
export async function signedQuotesWithParts(deps: Deps, actor: Actor): Promise<WaitingQuote[]> {
  const rows = await signedQuotes(
    deps.db,
    rootsOf(actor, 'workorders.read'),
    and(notInArray(workOrders.state, ['closed', 'verified', 'completed'])),
  );
  return rows.filter((r) => r.partLines.length > 0);
}
