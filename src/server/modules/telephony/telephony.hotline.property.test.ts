import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTotals,
  hotlineFigures,
  hotlineFiguresOfCalls,
  NO_CALLS,
  totalsOfCall,
  type HotlineCall,
  type HotlineTotals,
} from '../../../domain/reports';
import { rowsOf, type Db } from '../../app/db';
import { buildOrganisation, createUser } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { refreshRollups } from '../reports/reports.service';

// SLA-9: random call histories (calls ringing across day boundaries in two time zones, answered
// after any number of milliseconds — even "before" ringing, as a skewed clock reports it — abandoned,
// still ringing, still talking, ended; later answered, ended, moved to another agent or unit, deleted;
// contacts that are no calls), with refreshes at random points: the hotline rollup must equal a
// brute-force recount of the contact rows, and the report page's figures a count of the calls.

let kefu: TestKefu;
let admin: HttpSession;
let units: { id: string; timeZone: string }[];
let agents: (string | null)[];
const BASE = Date.parse('2026-03-01T12:00:00Z');
const MINUTE = 60_000;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  const org = await buildOrganisation(admin);
  await kefu.deps.db.execute(
    sql`update organisation_units set timezone = 'America/New_York' where id = ${org.storeB.id}`,
  );
  units = [
    { id: org.storeA.id, timeZone: 'Asia/Shanghai' },
    { id: org.storeB.id, timeZone: 'America/New_York' },
  ];
  agents = [
    (await createUser(admin, 'hp.agent.a', org.storeA.id, 'agent')).id,
    (await createUser(admin, 'hp.agent.b', org.storeB.id, 'agent')).id,
    null,
  ];
}, 120_000);
afterAll(() => kefu.close());

const opArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('ring' as const),
      unit: fc.nat(1),
      agent: fc.nat(2),
      minutes: fc.integer({ min: 0, max: 60 * 24 * 5 }),
      ms: fc.nat(59_999),
      stage: fc.constantFrom('ringing', 'answered', 'talked', 'abandoned'),
      answerMs: fc.integer({ min: -2_000, max: 40_000 }),
      talk: fc.nat(900),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('answer' as const),
      pick: fc.nat(),
      answerMs: fc.integer({ min: 0, max: 30_000 }),
      agent: fc.nat(2),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('end' as const), pick: fc.nat(), talk: fc.nat(900) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      pick: fc.nat(),
      agent: fc.nat(2),
      unit: fc.nat(1),
      minutes: fc.integer({ min: -600, max: 600 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('visit' as const), unit: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'refresh' as const }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const pickOf = (made: string[], pick: number) => made[pick % Math.max(1, made.length)];

async function apply(db: Db, op: Op, made: string[]) {
  switch (op.op) {
    case 'refresh':
      await refreshRollups(kefu.deps);
      return;
    case 'visit':
      // A walk-in contact: no ringing instant, so not a hotline call.
      await db.execute(sql`
        insert into contacts (unit_id, channel, direction, occurred_at, summary, created_at)
        values (${units[op.unit]!.id}, 'walk_in', 'inbound', ${new Date(BASE)}, '到店', now())`);
      return;
    case 'ring': {
      const id = randomUUID();
      const ringing = new Date(BASE + op.minutes * MINUTE + op.ms);
      const answered = op.stage === 'answered' || op.stage === 'talked';
      await db.execute(sql`
        insert into contacts (id, unit_id, channel, direction, occurred_at, summary, agent_id, call_id,
          ringing_at, answered_at, duration_seconds, created_at)
        values (${id}, ${units[op.unit]!.id}, 'phone', 'inbound', ${ringing}, '来电', ${agents[op.agent]!},
          ${`prop-${id}`}, ${ringing}, ${answered ? new Date(ringing.getTime() + op.answerMs) : null},
          ${op.stage === 'talked' ? op.talk : op.stage === 'abandoned' ? 0 : null}, now())`);
      made.push(id);
      return;
    }
    case 'answer': {
      const id = pickOf(made, op.pick);
      if (!id) return;
      await db.execute(sql`
        update contacts set answered_at = ringing_at + ${op.answerMs} * interval '1 millisecond',
          agent_id = ${agents[op.agent]!}
        where id = ${id} and answered_at is null and duration_seconds is null`);
      return;
    }
    case 'end': {
      const id = pickOf(made, op.pick);
      if (!id) return;
      await db.execute(sql`
        update contacts set duration_seconds = case when answered_at is null then 0 else ${op.talk}::int end
        where id = ${id} and duration_seconds is null`);
      return;
    }
    case 'move': {
      const id = pickOf(made, op.pick);
      if (!id) return;
      await db.execute(sql`
        update contacts set agent_id = ${agents[op.agent]!}, unit_id = ${units[op.unit]!.id},
          ringing_at = ringing_at + ${op.minutes} * interval '1 minute',
          answered_at = answered_at + ${op.minutes} * interval '1 minute'
        where id = ${id}`);
      return;
    }
    case 'delete': {
      const id = pickOf(made, op.pick);
      if (!id) return;
      await db.execute(sql`delete from contacts where id = ${id}`);
      made.splice(made.indexOf(id), 1);
      return;
    }
  }
}

interface LiveCall {
  unitId: string;
  timeZone: string;
  agentId: string | null;
  ringingAt: string;
  answeredAt: string | null;
  durationSeconds: number | null;
}

/** Every contact with a ringing instant, as it is now. */
async function liveCalls(db: Db): Promise<LiveCall[]> {
  return rowsOf<LiveCall>(
    await db.execute(sql`
      select c.unit_id as "unitId", u.timezone as "timeZone", c.agent_id as "agentId",
        c.ringing_at as "ringingAt", c.answered_at as "answeredAt", c.duration_seconds as "durationSeconds"
      from contacts c join organisation_units u on u.id = c.unit_id
      where c.ringing_at is not null`),
  );
}

const localDay = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
const localHour = (at: number, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at)) % 24;

interface Counted {
  unitId: string;
  day: string;
  hour: number;
  agentId: string | null;
  /** Null while it still rings (neither answered nor ended). */
  call: HotlineCall | null;
}

/** Each call as the brute force counts it: its unit's local day and hour, ended or still ringing. */
function counted(c: LiveCall): Counted {
  const ringingAt = new Date(c.ringingAt).getTime();
  const ended = c.answeredAt !== null || c.durationSeconds !== null;
  return {
    unitId: c.unitId,
    day: localDay(ringingAt, c.timeZone),
    hour: localHour(ringingAt, c.timeZone),
    agentId: c.agentId,
    call: ended
      ? {
          ringingAt,
          answeredAt: c.answeredAt === null ? null : new Date(c.answeredAt).getTime(),
          agentId: c.agentId,
          talkSeconds: c.durationSeconds,
        }
      : null,
  };
}

const key = (values: unknown[]) =>
  values.map((v) => (v === null || v === undefined ? '∅' : String(v))).join('|');

const measures = (t: HotlineTotals, ringing: number) => [
  t.calls,
  t.answered,
  t.answeredInTarget,
  t.abandoned,
  ringing,
  t.answerMs,
  t.talked,
  t.talkSeconds,
];

async function rollupRows(db: Db): Promise<string[]> {
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select unit_id, day::text as day, hour, agent_id, offered, answered, answered_in_target, abandoned,
        ringing, answer_ms::float8 as answer_ms, talked, talk_seconds::float8 as talk_seconds
      from report_call_hours`),
  )
    .map((r) => key(Object.values(r).map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v))))
    .sort();
}

/** The brute force of the rollup table: each call added to its (unit, day, hour, agent) group. */
function bruteForceRows(calls: Counted[]): string[] {
  const groups = new Map<string, { head: unknown[]; t: HotlineTotals; ringing: number }>();
  for (const c of calls) {
    const head = [c.unitId, c.day, c.hour, c.agentId];
    const g = groups.get(key(head)) ?? { head, t: NO_CALLS, ringing: 0 };
    if (c.call) g.t = addTotals(g.t, totalsOfCall(c.call));
    else g.ringing++;
    groups.set(key(head), g);
  }
  return [...groups.values()].map((g) => key([...g.head, ...measures(g.t, g.ringing)])).sort();
}

const DAY = 86_400_000;
const dateAt = (offsetDays: number) => new Date(BASE + offsetDays * DAY).toISOString().slice(0, 10);
const viewArb = fc.record({
  store: fc.boolean(),
  agent: fc.option(fc.nat(1), { nil: null }),
  start: fc.integer({ min: -1, max: 5 }),
  length: fc.integer({ min: 0, max: 5 }),
});

/** The report page against the calls counted one by one (domain figures over the list). */
async function checkView(
  calls: Counted[],
  v: { store: boolean; agent: number | null; start: number; length: number },
) {
  const from = dateAt(v.start);
  const to = dateAt(v.start + v.length);
  const unit = v.store ? units[0]!.id : null;
  const agent = v.agent === null ? null : agents[v.agent]!;
  const res = await admin.get(
    `/api/v1/telephony/hotline?from=${from}&to=${to}${unit ? `&unitId=${unit}` : ''}${agent ? `&agentId=${agent}` : ''}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  const view = res.json() as {
    calls: number;
    answered: number;
    abandoned: number;
    ringingNow: number;
    answeredInTarget: number;
    answeredInTargetRate: number | null;
    averageAnswerSeconds: number | null;
    averageTalkSeconds: number | null;
    byHour: {
      hour: number;
      calls: number;
      answered: number;
      abandoned: number;
      answeredInTargetRate: number | null;
    }[];
    byAgent: {
      agentId: string;
      calls: number;
      answered: number;
      abandoned: number;
      answeredInTargetRate: number | null;
      averageAnswerSeconds: number | null;
      averageTalkSeconds: number | null;
    }[];
  };
  const inView = calls.filter(
    (c) => (!unit || c.unitId === unit) && (!agent || c.agentId === agent) && c.day >= from && c.day <= to,
  );
  const ended = inView.flatMap((c) => (c.call ? [{ ...c, call: c.call }] : []));
  const all = hotlineFiguresOfCalls(ended.map((c) => c.call));
  expect(view).toMatchObject({
    calls: all.calls,
    answered: all.answered,
    abandoned: all.abandoned,
    ringingNow: inView.length - ended.length,
    answeredInTarget: all.answeredInTarget,
    answeredInTargetRate: all.answeredInTargetRate,
    averageAnswerSeconds: all.averageAnswerSeconds,
    averageTalkSeconds: all.averageTalkSeconds,
  });
  expect(view.byHour).toEqual(
    Array.from({ length: 24 }, (_, hour) => {
      const f = hotlineFiguresOfCalls(ended.filter((c) => c.hour === hour).map((c) => c.call));
      return {
        hour,
        calls: f.calls,
        answered: f.answered,
        abandoned: f.abandoned,
        answeredInTargetRate: f.answeredInTargetRate,
      };
    }),
  );
  const byAgent = new Map<string, HotlineTotals>();
  for (const c of ended)
    if (c.agentId)
      byAgent.set(c.agentId, addTotals(byAgent.get(c.agentId) ?? NO_CALLS, totalsOfCall(c.call)));
  expect(
    view.byAgent
      .map((a) => [
        a.agentId,
        a.calls,
        a.answered,
        a.abandoned,
        a.answeredInTargetRate,
        a.averageAnswerSeconds,
        a.averageTalkSeconds,
      ])
      .sort(),
  ).toEqual(
    [...byAgent]
      .map(([id, t]) => {
        const f = hotlineFigures(t);
        return [
          id,
          f.calls,
          f.answered,
          f.abandoned,
          f.answeredInTargetRate,
          f.averageAnswerSeconds,
          f.averageTalkSeconds,
        ];
      })
      .sort(),
  );
  return all.calls;
}

describe('hotline rollup against a brute-force recount (SLA-9)', () => {
  it('SLA-9 property: after any random call history and a refresh, the hotline rollup and the report page equal the brute-force recount of the calls', async () => {
    const db = kefu.deps.db;
    let viewedCalls = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), viewArb, async (ops, view) => {
        const made: string[] = [];
        for (const op of ops) await apply(db, op, made);
        await refreshRollups(kefu.deps);
        const calls = (await liveCalls(db)).map(counted);
        expect(await rollupRows(db)).toEqual(bruteForceRows(calls));
        viewedCalls += await checkView(calls, view);
      }),
      { numRuns: 15, seed: 1509 },
    );
    // The histories were not empty: the comparisons compared something.
    expect((await rollupRows(db)).length).toBeGreaterThan(20);
    expect(viewedCalls).toBeGreaterThan(10);
  }, 600_000);
});
