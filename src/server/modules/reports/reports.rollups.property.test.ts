import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, timelinessOutcome } from '../../../domain/reports';
import type { SlaTargetRunState } from '../../../domain/sla/sla.target-states';
import { rowsOf, type Db } from '../../app/db';
import { buildOrganisation } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { testingOnPostgres } from '../../test/test-database-paths';
import { refreshRollups } from './reports.rollups';

// Random ticket histories (intakes across day boundaries and time zones, reclassification,
// department moves, merges, complaint details, evaluations, close-out assessments, SLA runs ending
// on time, late or excused), with refreshes at random points in between: the rollups must always
// equal a brute-force recount over the same rows (tickets in SQL; SLA runs through the domain rule).

let kefu: TestKefu;
let units: { id: string; timeZone: string }[];
let departments: string[];
let adminId: string;
let companyId: string;
let admin: HttpSession;
const BASE = Date.parse('2026-01-31T12:00:00Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  const org = await buildOrganisation(admin);
  companyId = org.hq.id;
  // A store keeping another zone: its local days cut at a different instant.
  await kefu.deps.db.execute(
    sql`update organisation_units set timezone = 'America/New_York' where id = ${org.storeB.id}`,
  );
  units = [
    { id: org.storeA.id, timeZone: 'Asia/Shanghai' },
    { id: org.storeB.id, timeZone: 'America/New_York' },
  ];
  departments = [org.storeAEngineering.id, org.east.id];
  adminId = rowsOf<{ id: string }>(
    await kefu.deps.db.execute(sql`select id from users where username = 'admin'`),
  )[0]!.id;
}, 120_000);
afterAll(() => kefu.close());

const TYPES = ['soft_complaint', 'hard_complaint', 'consultation_direct', 'repair'] as const;
const CHANNELS = ['phone', 'walk_in', 'letter'] as const;
const PRODUCTS = [null, '实木餐桌', 'A100 布艺沙发'] as const;
const CAUSES = [null, '面料起球', '送货磕碰'] as const;
const EVALUATIONS = [null, 'satisfied', 'dissatisfied'] as const;
const TARGET_STATES = ['on_track', 'breached', 'met', 'met_late', 'ended', 'paused'] as const;

const complaintArb = fc.record({
  product: fc.constantFrom(...PRODUCTS),
  cause: fc.constantFrom(...CAUSES),
  defect: fc.constantFrom(null, '开裂'),
  productCaused: fc.boolean(),
  evaluation: fc.constantFrom(...EVALUATIONS),
  assessed: fc.boolean(),
});
const targetArb = fc.record({
  key: fc.constantFrom('first_response', 'department_reply', 'resolution'),
  state: fc.constantFrom(...TARGET_STATES),
  dueHours: fc.integer({ min: -30, max: 60 }),
  endHours: fc.integer({ min: -30, max: 90 }),
});
const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      unit: fc.nat(1),
      type: fc.constantFrom(...TYPES),
      channel: fc.constantFrom(...CHANNELS),
      department: fc.option(fc.nat(1), { nil: null }),
      hours: fc.integer({ min: 0, max: 24 * 40 }),
      complaint: fc.option(complaintArb, { nil: null }),
      targets: fc.array(targetArb, { maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('change' as const),
      pick: fc.nat(),
      type: fc.option(fc.constantFrom(...TYPES), { nil: null }),
      department: fc.option(fc.nat(1), { nil: null }),
      merge: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('complaint' as const), pick: fc.nat(), complaint: complaintArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('target' as const),
      pick: fc.nat(),
      state: fc.constantFrom(...TARGET_STATES),
      endHours: fc.integer({ min: -30, max: 90 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'refresh' as const }) },
  // RPT-2: the company moves its cut-off day; the monthly rows are summed again under it.
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('cutoff' as const), day: fc.constantFrom(25, 10, 28, 31) }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const at = (hours: number) => new Date(BASE + hours * HOUR);
const isFinal = (state: string) => state === 'met' || state === 'met_late' || state === 'ended';

async function apply(db: Db, op: Op, made: { tickets: string[]; targets: string[] }) {
  switch (op.op) {
    case 'refresh':
      await refreshRollups(kefu.deps);
      return;
    case 'cutoff':
      await db.execute(sql`
        insert into report_settings (unit_id, cut_off_day, updated_by, updated_at)
        values (${companyId}, ${op.day}, ${adminId}, now())
        on conflict (unit_id) do update set cut_off_day = excluded.cut_off_day`);
      return;
    case 'create': {
      const id = randomUUID();
      const unit = units[op.unit]!;
      const received = at(op.hours);
      await db.execute(sql`
        insert into tickets (id, number, unit_id, type, channel, subject, state, received_at, created_at,
          created_by, intake_agent_id, assignee_department_id, updated_at)
        values (${id}, ${`P${id.slice(0, 12)}`}, ${unit.id}, ${op.type}, ${op.channel}, '随机工单', 'new',
          ${received}, ${received}, ${adminId}, ${adminId},
          ${op.department === null ? null : departments[op.department]!}, ${received})`);
      if (op.complaint) await upsertComplaint(db, id, unit.id, received, op.complaint);
      for (const [i, t] of op.targets.entries()) {
        const targetId = randomUUID();
        await db.execute(sql`
          insert into sla_targets (id, subject_type, subject_id, key, position, unit_id, ticket_type,
            definition, intake_at, due_at, state, met_at, ended_at, created_at)
          values (${targetId}, 'ticket', ${id}, ${t.key}, ${i}, ${unit.id}, ${op.type}, '{}'::jsonb,
            ${received}, ${at(op.hours + t.dueHours)}, ${t.state},
            ${t.state.startsWith('met') ? at(op.hours + t.endHours) : null},
            ${isFinal(t.state) ? at(op.hours + t.endHours) : null}, ${received})`);
        made.targets.push(targetId);
      }
      made.tickets.push(id);
      return;
    }
    case 'change': {
      const id = made.tickets[op.pick % Math.max(1, made.tickets.length)];
      if (!id) return;
      await db.execute(sql`
        update tickets set
          type = coalesce(${op.type}, type),
          assignee_department_id = ${op.department === null ? null : departments[op.department]!},
          state = case when ${op.merge} then 'merged' else state end
        where id = ${id}`);
      return;
    }
    case 'complaint': {
      const id = made.tickets[op.pick % Math.max(1, made.tickets.length)];
      if (!id) return;
      const [t] = rowsOf<{ unitId: string; receivedAt: string }>(
        await db.execute(
          sql`select unit_id as "unitId", received_at as "receivedAt" from tickets where id = ${id}`,
        ),
      );
      await upsertComplaint(db, id, t!.unitId, new Date(t!.receivedAt), op.complaint);
      return;
    }
    case 'target': {
      const id = made.targets[op.pick % Math.max(1, made.targets.length)];
      if (!id) return;
      await db.execute(sql`
        update sla_targets set state = ${op.state},
          met_at = case when ${op.state.startsWith('met')} then due_at + ${op.endHours} * interval '1 hour' end,
          ended_at = case when ${isFinal(op.state)} then due_at + ${op.endHours} * interval '1 hour' end
        where id = ${id}`);
      return;
    }
  }
}

async function upsertComplaint(
  db: Db,
  ticketId: string,
  unitId: string,
  receivedAt: Date,
  c: {
    product: string | null;
    cause: string | null;
    defect: string | null;
    productCaused: boolean;
    evaluation: string | null;
    assessed: boolean;
  },
) {
  await db.execute(sql`
    insert into complaint_records (ticket_id, unit_id, received_at, product, cause, defect, product_caused,
      evaluation_result, close_out_assessment_at, created_at, updated_at)
    values (${ticketId}, ${unitId}, ${receivedAt}, ${c.product}, ${c.cause}, ${c.defect}, ${c.productCaused},
      ${c.evaluation}, ${c.assessed ? receivedAt : null}, ${receivedAt}, ${receivedAt})
    on conflict (ticket_id) do update set product = excluded.product, cause = excluded.cause,
      defect = excluded.defect, product_caused = excluded.product_caused,
      evaluation_result = excluded.evaluation_result, close_out_assessment_at = excluded.close_out_assessment_at`);
}

const key = (values: unknown[]) =>
  values.map((v) => (v === null || v === undefined ? '∅' : String(v))).join('|');

const MEASURES = 'tickets, complaints, product_caused, assessed';

async function ticketDays(db: Db): Promise<string[]> {
  return rowsOf<Record<string, unknown>>(
    await db.execute(
      sql.raw(`select unit_id, day::text as day, type, dim, value, ${MEASURES} from report_ticket_days`),
    ),
  )
    .map((r) => key(Object.values(r)))
    .sort();
}

/** The monthly rows that hold anything (a value that left a period may keep a row of zeros). */
async function ticketMonths(db: Db): Promise<string[]> {
  return rowsOf<Record<string, unknown>>(
    await db.execute(
      sql.raw(`select unit_id, period::text as period, type, dim, value, ${MEASURES} from report_ticket_months
        where tickets <> 0 or complaints <> 0 or product_caused <> 0 or assessed <> 0`),
    ),
  )
    .map((r) => key(Object.values(r)))
    .sort();
}

interface LiveTicket {
  unitId: string;
  timeZone: string;
  receivedAt: string;
  type: string;
  channel: string;
  departmentId: string | null;
  complaint: boolean;
  product: string | null;
  cause: string | null;
  defect: string | null;
  productCaused: boolean;
  evaluation: string | null;
  assessed: boolean;
}

/** Every ticket as it is now (merged ones do not count), with its complaint record if any. */
async function liveTickets(db: Db): Promise<LiveTicket[]> {
  return rowsOf<LiveTicket>(
    await db.execute(sql`
      select t.unit_id as "unitId", u.timezone as "timeZone", t.received_at as "receivedAt", t.type,
        t.channel, t.assignee_department_id as "departmentId", c.ticket_id is not null as complaint,
        c.product, c.cause, c.defect, coalesce(c.product_caused, false) as "productCaused",
        c.evaluation_result as evaluation,
        (c.close_out_assessment_at is not null and c.close_out_assessment_counts is not false) as assessed
      from tickets t join organisation_units u on u.id = t.unit_id
      left join complaint_records c on c.ticket_id = t.id
      where t.state <> 'merged'`),
  );
}

const localDay = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at));

/** The breakdowns one ticket is counted under, as the reports read them. */
function breakdowns(t: LiveTicket): [string, string | null][] {
  const out: [string, string | null][] = [
    ['channel', t.channel],
    ['department', t.departmentId],
  ];
  if (t.complaint) out.push(['cause', t.cause], ['product', t.product], ['evaluation', t.evaluation]);
  if (t.complaint && t.productCaused)
    // As jsonb prints an array: ", " between the elements.
    out.push([
      'nonconformity',
      `[${[t.product, t.defect, t.cause].map((v) => JSON.stringify(v)).join(', ')}]`,
    ]);
  return out;
}

/**
 * The brute force, in memory: every live ticket put under its local day (or its report period under
 * the company's cut-off day) and each breakdown it belongs to, then added up.
 */
function bruteForce(tickets: LiveTicket[], bucket: (t: LiveTicket) => string): string[] {
  const groups = new Map<string, { head: unknown[]; m: number[] }>();
  for (const t of tickets)
    for (const [dim, value] of breakdowns(t)) {
      const head = [t.unitId, bucket(t), t.type, dim, value];
      const g = groups.get(key(head)) ?? { head, m: [0, 0, 0, 0] };
      g.m[0]! += 1;
      g.m[1]! += t.complaint ? 1 : 0;
      g.m[2]! += t.productCaused ? 1 : 0;
      g.m[3]! += t.assessed ? 1 : 0;
      groups.set(key(head), g);
    }
  return [...groups.values()].map((g) => key([...g.head, ...g.m])).sort();
}

async function cutOffDay(db: Db): Promise<number> {
  const [row] = rowsOf<{ day: number }>(
    await db.execute(sql`select cut_off_day as day from report_settings where unit_id = ${companyId}`),
  );
  return row?.day ?? 25;
}

async function slaRollup(db: Db): Promise<string[]> {
  return rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select unit_id, day::text as day, type, department_id, step, on_time, late from report_sla_daily`,
    ),
  )
    .map((r) => key(Object.values(r)))
    .sort();
}

/** The SLA brute force: every run judged by the domain's own rule, grouped in memory. */
async function slaBruteForce(db: Db): Promise<string[]> {
  const runs = rowsOf<{
    id: string;
    unitId: string;
    timeZone: string;
    type: string;
    departmentId: string | null;
    step: string;
    state: SlaTargetRunState;
    dueAt: string | null;
    endedAt: string | null;
    subjectId: string;
  }>(
    await db.execute(sql`
      select s.id, s.unit_id as "unitId", u.timezone as "timeZone", s.ticket_type as type,
        t.assignee_department_id as "departmentId", s.key as step, s.state, s.due_at as "dueAt",
        s.ended_at as "endedAt", s.subject_id as "subjectId"
      from sla_targets s join organisation_units u on u.id = s.unit_id
      left join tickets t on t.id = s.subject_id::uuid
      where s.subject_type = 'ticket'`),
  );
  const groups = new Map<string, { onTime: number; late: number; head: unknown[] }>();
  for (const r of runs) {
    if (!r.dueAt) continue;
    const dueAt = new Date(r.dueAt).getTime();
    // asOf before everything: only what the run itself says counts (the rollup's definition).
    const outcome = timelinessOutcome(
      {
        id: r.id,
        subjectId: r.subjectId,
        departmentId: r.departmentId,
        step: r.step,
        state: r.state,
        dueAt,
        endedAt: r.endedAt ? new Date(r.endedAt).getTime() : null,
      },
      Number.NEGATIVE_INFINITY,
    );
    if (outcome !== 'on_time' && outcome !== 'late') continue;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: r.timeZone }).format(new Date(dueAt));
    const head = [r.unitId, day, r.type, r.departmentId, r.step];
    const g = groups.get(key(head)) ?? { onTime: 0, late: 0, head };
    if (outcome === 'on_time') g.onTime++;
    else g.late++;
    groups.set(key(head), g);
  }
  return [...groups.values()].map((g) => key([...g.head, g.onTime, g.late])).sort();
}

const DAY = 86_400_000;
const dateAt = (offsetDays: number) => new Date(BASE + offsetDays * DAY).toISOString().slice(0, 10);
const rangeArb = fc.record({
  store: fc.boolean(),
  start: fc.integer({ min: -5, max: 45 }),
  length: fc.integer({ min: 0, max: 70 }),
});

/**
 * The monthly analysis (RPT-2) of a date range, for store A or the whole company, against the same
 * tickets counted one by one: the range is read as whole periods from the monthly rows and the days
 * around them from the daily rows, and must add up the same.
 */
async function checkView(tickets: LiveTicket[], r: { store: boolean; start: number; length: number }) {
  const from = dateAt(r.start);
  const to = dateAt(r.start + r.length);
  const unit = r.store ? units[0]!.id : null;
  const res = await admin.get(
    `/api/v1/reports/monthly?from=${from}&to=${to}${unit ? `&unitId=${unit}` : ''}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  const view = res.json() as {
    totals: { tickets: number; complaints: number; productCaused: number };
    byChannel: { key: string | null; count: number }[];
    byCause: { key: string | null; count: number }[];
  };
  const inView = tickets.filter((t) => {
    const day = localDay(t.receivedAt, t.timeZone);
    return (!unit || t.unitId === unit) && day >= from && day <= to;
  });
  const tally = (pick: (t: LiveTicket) => string | null, only: (t: LiveTicket) => boolean) => {
    const m = new Map<string, number>();
    for (const t of inView.filter(only)) m.set(key([pick(t)]), (m.get(key([pick(t)])) ?? 0) + 1);
    return [...m].sort();
  };
  expect(view.totals).toEqual({
    tickets: inView.length,
    complaints: inView.filter((t) => t.complaint).length,
    productCaused: inView.filter((t) => t.productCaused).length,
  });
  expect(view.byChannel.map((c) => [key([c.key]), c.count]).sort()).toEqual(
    tally(
      (t) => t.channel,
      () => true,
    ),
  );
  expect(view.byCause.map((c) => [key([c.key]), c.count]).sort()).toEqual(
    tally(
      (t) => t.cause,
      (t) => t.complaint,
    ),
  );
}

describe('report rollups against a brute-force recount (RPT-2, RPT-3, CMP-10)', () => {
  it('RPT-2 / RPT-3 / CMP-10 property: after any random ticket history and a refresh, the rollups equal the brute-force recount', async () => {
    const db = kefu.deps.db;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), rangeArb, async (ops, range) => {
        const made = { tickets: [] as string[], targets: [] as string[] };
        for (const op of ops) await apply(db, op, made);
        await refreshRollups(kefu.deps);
        const tickets = await liveTickets(db);
        const cut = await cutOffDay(db);
        expect(await ticketDays(db)).toEqual(bruteForce(tickets, (t) => localDay(t.receivedAt, t.timeZone)));
        expect(await ticketMonths(db)).toEqual(
          bruteForce(tickets, (t) => {
            const p = periodOf(localDay(t.receivedAt, t.timeZone), cut);
            return p.ok ? `${p.period.label}-01` : 'invalid';
          }),
        );
        expect(await slaRollup(db)).toEqual(await slaBruteForce(db));
        await checkView(tickets, range);
      }),
      { numRuns: 15, seed: 1526 },
    );
    // The histories were not empty: the comparison compared something.
    expect((await ticketDays(db)).length).toBeGreaterThan(10);
    expect((await ticketMonths(db)).length).toBeGreaterThan(10);
    expect((await slaRollup(db)).length).toBeGreaterThan(5);
  }, 600_000);

  it.skipIf(!testingOnPostgres())(
    'RPT-2: a ticket committed while a refresh runs is counted by the next refresh, never lost (PostgreSQL)',
    async () => {
      const db = kefu.deps.db;
      await refreshRollups(kefu.deps);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      const writer = db.transaction(async (tx) => {
        await apply(
          tx,
          {
            op: 'create',
            unit: 0,
            type: 'soft_complaint',
            channel: 'phone',
            department: null,
            hours: 5,
            complaint: null,
            targets: [],
          },
          { tickets: [], targets: [] },
        );
        inserted();
        await held; // uncommitted while the refresh runs
      });
      await insertedYet;
      await refreshRollups(kefu.deps);
      release();
      await writer;
      const recount = async () =>
        bruteForce(await liveTickets(db), (t) => localDay(t.receivedAt, t.timeZone));
      expect(await ticketDays(db)).not.toEqual(await recount());
      await refreshRollups(kefu.deps);
      expect(await ticketDays(db)).toEqual(await recount());
    },
    120_000,
  );
});
