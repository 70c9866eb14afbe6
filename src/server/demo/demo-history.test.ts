import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATES, TICKET_TYPES } from '../../domain/tickets';
import { CLOSE_OUT_TICKET_TYPES } from '../../domain/tickets/close-out';
import type { Deps } from '../app/context';
import { careTasks } from '../modules/care/care.table';
import { contacts } from '../modules/contacts/contacts.table';
import { approvalRequests } from '../modules/approvals/approvals.table';
import { customers } from '../modules/customers/customers.table';
import { orders } from '../modules/orders/orders.table';
import { RETURN_SUBJECT } from '../modules/returns/returns.service';
import { returnRequests } from '../modules/returns/returns.table';
import { slaTargets } from '../modules/sla/sla.table';
import { surveyResponses } from '../modules/surveys/surveys.table';
import { tickets } from '../modules/tickets/tickets.table';
import { workOrderAcceptances, workOrders } from '../modules/workorders/workorders.table';
import { dayBounds } from '../modules/workorders/workorders.service';
import { createTestKefu, type TestKefu } from '../test/test-app';
import { loadDemoCompany } from './demo-company';
import { loadDemoHistory, type HistoryOptions } from './demo-history';
import { DEMO_ANSWERS } from './demo-knowledge';
import { isOffered } from '../../domain/knowledge';
import { kbArticles, kbArticleUses, kbArticleVersions } from '../modules/knowledge/knowledge.table';
import { publicAnswersFor } from '../modules/knowledge/knowledge.service';
import { organisationUnits } from '../modules/org/org.table';

// Thursday 3 December 2026, 14:30 in Shanghai: the demo's working day is under way.
const NOW = new Date('2026-12-03T06:30:00Z');
// A shorter history than `npm run demo` writes, so the test stays quick; the same code paths.
const OPTIONS: HistoryOptions = {
  now: NOW,
  seed: 7,
  days: 30,
  customersPerStore: 12,
  ticketsPerStoreDay: 0.3,
};

async function figures(deps: Deps) {
  const db = deps.db;
  const byTypeState = await db
    .select({ type: tickets.type, state: tickets.state, n: count() })
    .from(tickets)
    .groupBy(tickets.type, tickets.state)
    .orderBy(tickets.type, tickets.state);
  const one = async (q: Promise<{ n: number }[]>) => Number((await q)[0]!.n);
  const today = dayBounds('2026-12-03', 'Asia/Shanghai');
  return {
    byTypeState: byTypeState.map((r) => `${r.type}/${r.state}:${r.n}`),
    customers: await one(db.select({ n: count() }).from(customers)),
    contacts: await one(db.select({ n: count() }).from(contacts)),
    closedComplaints: await one(
      db
        .select({ n: count() })
        .from(tickets)
        .where(and(inArray(tickets.type, [...CLOSE_OUT_TICKET_TYPES]), eq(tickets.state, 'closed'))),
    ),
    signedClosedOrders: await one(
      db
        .select({ n: count() })
        .from(workOrders)
        .innerJoin(workOrderAcceptances, eq(workOrderAcceptances.workOrderId, workOrders.id))
        .where(and(eq(workOrders.state, 'closed'), eq(workOrderAcceptances.kind, 'completion'))),
    ),
    workOrderStates: (await db.select({ state: workOrders.state }).from(workOrders).groupBy(workOrders.state))
      .map((r) => r.state)
      .sort(),
    careDueToday: await one(
      db
        .select({ n: count() })
        .from(careTasks)
        .where(
          and(eq(careTasks.state, 'open'), gte(careTasks.dueAt, today.from), lt(careTasks.dueAt, today.to)),
        ),
    ),
    careDone: await one(
      db
        .select({ n: count() })
        .from(careTasks)
        .where(sql`${careTasks.state} <> 'open'`),
    ),
    dissatisfied: await one(
      db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.detractor, true)),
    ),
    answers: await one(db.select({ n: count() }).from(surveyResponses)),
    orders: await one(db.select({ n: count() }).from(orders)),
    returnStates: (await db.select({ state: returnRequests.state }).from(returnRequests))
      .map((r) => r.state)
      .sort(),
    pendingReturnApprovals: await one(
      db
        .select({ n: count() })
        .from(approvalRequests)
        .where(and(eq(approvalRequests.status, 'pending'), eq(approvalRequests.subjectType, RETURN_SUBJECT))),
    ),
    breached: await one(
      db
        .select({ n: count() })
        .from(slaTargets)
        .where(inArray(slaTargets.state, ['breached', 'escalated', 'met_late'])),
    ),
  };
}

describe('demo history (issue 16)', () => {
  let kefu: TestKefu;
  let first: Awaited<ReturnType<typeof figures>>;
  beforeAll(async () => {
    kefu = await createTestKefu();
    kefu.clock.set(NOW);
    await loadDemoCompany(kefu.deps);
    const result = await loadDemoHistory(kefu.deps, OPTIONS);
    expect(result.loaded).toBe(true);
    first = await figures(kefu.deps);
  }, 600_000);
  afterAll(() => kefu.close());

  it('CL-1, CMP-5, REP-5, CARE-1, SAT-1, SLA-3: every type in every state, complaints closed out, orders signed, care due today, dissatisfied answers, breaches', () => {
    for (const type of TICKET_TYPES)
      for (const state of TICKET_STATES)
        expect(
          first.byTypeState.some((x) => x.startsWith(`${type}/${state}:`)),
          `${type}/${state}`,
        ).toBe(true);
    expect(first.customers).toBe(4 * 12);
    expect(first.contacts).toBeGreaterThan(50);
    expect(first.closedComplaints).toBeGreaterThanOrEqual(3);
    expect(first.signedClosedOrders).toBeGreaterThanOrEqual(1);
    expect(first.workOrderStates).toContain('closed');
    expect(first.careDueToday).toBeGreaterThan(0);
    expect(first.careDone).toBeGreaterThan(0);
    expect(first.answers).toBeGreaterThan(first.dissatisfied);
    expect(first.dissatisfied).toBeGreaterThan(0);
    expect(first.breached).toBeGreaterThan(0);
  });

  it('RET-1, RET-2, RET-7, RET-8: every store has sold orders; the Shanghai desk holds requests waiting for approval, for an inspection, and one withdrawn', () => {
    expect(first.orders).toBe(4 * 14);
    expect(first.returnStates).toEqual(['draft', 'submitted', 'submitted', 'withdrawn']);
    expect(first.pendingReturnApprovals).toBe(2);
  });

  it('KB-1, CL-2: the company’s answers are approved by another person; every direct consultation the history resolved carries one, through the check', async () => {
    const db = kefu.deps.db;
    const versions = await db
      .select({ v: kbArticleVersions, published: kbArticles.publishedVersionId })
      .from(kbArticleVersions)
      .innerJoin(kbArticles, eq(kbArticles.id, kbArticleVersions.articleId));
    expect(versions).toHaveLength(DEMO_ANSWERS.length);
    for (const { v, published } of versions) {
      expect([v.state, published]).toEqual(['approved', v.id]);
      expect(v.approverId).not.toBe(v.authorId);
    }
    const offered = versions.filter(({ v }) => isOffered(v, NOW));
    // One promotion has lapsed; everything else is offered, sales Q&A, media facts and promotions alike.
    expect(offered).toHaveLength(DEMO_ANSWERS.length - 1);
    expect(new Set(offered.map(({ v }) => v.sourceKind))).toEqual(
      new Set(['sales_qa', 'media_facts', 'promotion', 'objection']),
    );
    const [hq] = await db.select().from(organisationUnits).where(eq(organisationUnits.code, 'HQ'));
    const board = await publicAnswersFor(db, [hq!.path], NOW);
    expect(board.length).toBeGreaterThanOrEqual(5);
    expect(board.length).toBeLessThan(offered.length);

    const direct = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.type, 'consultation_direct'), inArray(tickets.state, ['resolved', 'closed'])));
    expect(direct.length).toBeGreaterThanOrEqual(12);
    const used = await db
      .select({ ticketId: kbArticleUses.ticketId })
      .from(kbArticleUses)
      .where(
        inArray(
          kbArticleUses.ticketId,
          direct.map((t) => t.id),
        ),
      );
    expect(new Set(used.map((u) => u.ticketId)).size).toBe(direct.length);
  });

  it('CUS-1: the demo has flats whose property-title number is overdue and others not yet due', async () => {
    const admin = await kefu.login('admin');
    for (const state of ['overdue', 'pending']) {
      const res = await admin.get(`/api/v1/customers/property-titles?state=${state}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().total, state).toBeGreaterThanOrEqual(4);
    }
  });

  it('IN-10: a second run finds the history and adds nothing', async () => {
    const again = await loadDemoHistory(kefu.deps, OPTIONS);
    expect(again.loaded).toBe(false);
    expect(again.tickets).toBe(0);
    expect(await figures(kefu.deps)).toEqual(first);
  });

  it('the same seed and the same "now" write the same history in another database', async () => {
    const other = await createTestKefu();
    try {
      other.clock.set(NOW);
      await loadDemoCompany(other.deps);
      await loadDemoHistory(other.deps, OPTIONS);
      expect(await figures(other.deps)).toEqual(first);
    } finally {
      await other.close();
    }
  }, 600_000);
});
