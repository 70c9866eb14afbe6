import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES, LIVE_TARGET_STATES, type TicketType } from '../../../domain/sla';
import {
  ENDED_TICKET_STATES,
  TICKET_MILESTONE_KINDS,
  type ReplyKind,
  type TicketMilestone,
} from '../../../domain/tickets';
import type { Actor } from '../../app/context';
import { rowsOf } from '../../app/db';
import { AppError } from '../../app/errors';
import { runWorkerOnce } from '../../jobs/worker';
import { loadGrants } from '../org/org.repository';
import { completeCloseOutStep, recordEvaluation, requestCloseOut } from '../complaints/complaints.close-out';
import { addProgress } from '../complaints/complaints.usecases';
import { fileDepartmentReply } from '../complaints/department-replies.usecases';
import { createComplaintsWorld } from '../complaints/complaints.test-world';
import { addReply, mergeTicket, transitionTicket } from './tickets.usecases';
import { createTicket } from './tickets.create';
import { recordMilestone } from './tickets.milestones';

// SLA-10 as a property: random lifecycles of random tickets over a year (holidays and 调休
// included) — no target of an ended ticket is escalated while it is ended, and every target of an
// ended ticket has ended. The use cases are called directly with each person's grants (sessions
// would expire over the months the clock jumps), on the real database.

let w: Awaited<ReturnType<typeof createComplaintsWorld>>;
const actors = {} as Record<'agent' | 'dept' | 'quality' | 'kpi' | 'gm', Actor>;
beforeAll(async () => {
  w = await createComplaintsWorld();
  const who = {
    agent: 'c_agent_a',
    dept: 'c_dept_member',
    quality: 'c_qm',
    kpi: 'c_kpi',
    gm: 'c_gm',
  } as const;
  for (const [role, username] of Object.entries(who) as [keyof typeof who, string][]) {
    const [u] = rowsOf<{ id: string; name: string }>(
      await w.kefu.deps.db.execute(
        sql`select id, display_name as name from users where username = ${username}`,
      ),
    );
    actors[role] = {
      userId: u!.id,
      username,
      displayName: u!.name,
      grants: await loadGrants(w.kefu.deps.db, u!.id),
      ip: null,
    };
  }
});
afterAll(() => w.kefu.close());

const MIN = 60_000;
const TYPES = Object.keys(DEFAULT_SLA_POLICIES) as TicketType[];

type Command =
  | { do: 'reply'; kind: ReplyKind; withReason: boolean }
  | { do: 'department_reply' }
  | { do: 'progress'; kind: 'verified' | 'second_response' | 'result' }
  | { do: 'milestone'; kind: TicketMilestone }
  | { do: 'move'; to: 'pending_customer' | 'in_progress' | 'resolved' | 'closed' | 'cancelled' }
  | { do: 'evaluate'; dissatisfied: boolean }
  | { do: 'merge' }
  | { do: 'wait'; minutes: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    do: fc.constant('reply' as const),
    kind: fc.constantFrom<ReplyKind>('answer', 'acknowledgement', 'progress'),
    withReason: fc.boolean(),
  }),
  fc.constant({ do: 'department_reply' as const }),
  fc.record({
    do: fc.constant('progress' as const),
    kind: fc.constantFrom('verified' as const, 'second_response' as const, 'result' as const),
  }),
  fc.record({ do: fc.constant('milestone' as const), kind: fc.constantFrom(...TICKET_MILESTONE_KINDS) }),
  fc.record({
    do: fc.constant('move' as const),
    to: fc.constantFrom(
      'pending_customer' as const,
      'in_progress' as const,
      'resolved' as const,
      'closed' as const,
      'cancelled' as const,
    ),
  }),
  fc.record({ do: fc.constant('evaluate' as const), dissatisfied: fc.boolean() }),
  fc.constant({ do: 'merge' as const }),
  // From a few minutes to three weeks: crosses lunch breaks, nights, weekends and holidays.
  fc.record({ do: fc.constant('wait' as const), minutes: fc.integer({ min: 5, max: 30 * 24 * 60 }) }),
);

/** Runs one command; refusals (4xx) are part of a random walk, anything else fails the property. */
async function run(c: Command, ticketId: string, other: string): Promise<void> {
  const deps = w.kefu.deps;
  const now = deps.clock.now();
  const step = async () => {
    switch (c.do) {
      case 'reply':
        return addReply(deps, actors.agent, ticketId, {
          body: '回复客户',
          kind: c.kind,
          answerWithoutDepartmentReason: c.withReason ? '客户急需答复' : null,
        });
      case 'department_reply':
        return fileDepartmentReply(deps, actors.dept, ticketId, {
          findings: '调查结果',
          rootCause: '工程部',
          correctiveAction: { kind: 'rework', text: '返工' },
          preventiveAction: '加强验收',
          committedDate: new Date(now.getTime() + 10 * 24 * 60 * MIN).toISOString().slice(0, 10),
          responsiblePersonId: actors.dept.userId,
        });
      case 'progress':
        return addProgress(deps, actors.agent, ticketId, {
          kind: c.kind,
          body: '进展',
          ...(c.kind === 'second_response'
            ? { committedAt: new Date(now.getTime() + 3 * 24 * 60 * MIN).toISOString() }
            : {}),
        });
      case 'milestone':
        return recordMilestone(deps, actors.agent, ticketId, { kind: c.kind });
      case 'move':
        if (c.to === 'closed') {
          // Complaints close through close-out (CMP-5); other types by a plain move.
          try {
            return await transitionTicket(deps, actors.agent, ticketId, { to: 'closed' });
          } catch (err) {
            if (!(err instanceof AppError) || err.code !== 'complaints.close_out_required') throw err;
          }
          await requestCloseOut(deps, actors.agent, ticketId, { note: '已处理完毕' });
          await completeCloseOutStep(deps, actors.quality, ticketId, 'quality_opinion', { text: '同意' });
          await completeCloseOutStep(deps, actors.kpi, ticketId, 'assessment', { text: '已考核' });
          return completeCloseOutStep(deps, actors.gm, ticketId, 'approval', { text: '同意结案' });
        }
        return transitionTicket(deps, actors.agent, ticketId, {
          to: c.to,
          reason: c.to === 'cancelled' || c.to === 'in_progress' ? '随机测试' : null,
        });
      case 'evaluate':
        return recordEvaluation(deps, actors.agent, ticketId, {
          result: c.dissatisfied ? 'dissatisfied' : 'satisfied',
        });
      case 'merge':
        return mergeTicket(deps, actors.agent, ticketId, other);
      case 'wait':
        w.kefu.clock.advanceBy(c.minutes * MIN);
        return;
    }
  };
  try {
    await step();
  } catch (err) {
    if (err instanceof AppError && err.status >= 400 && err.status < 500) return;
    throw err;
  }
}

interface TargetRow {
  subjectId: string;
  state: string;
}

async function ticketStates(ids: string[]) {
  return new Map(
    rowsOf<{ id: string; state: string }>(
      await w.kefu.deps.db.execute(
        sql`select id, state from tickets where id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    ).map((r) => [r.id, r.state]),
  );
}

const ENDED: readonly string[] = ENDED_TICKET_STATES;
const LIVE: readonly string[] = LIVE_TARGET_STATES;

describe('SLA-10 property', () => {
  it('SLA-10: random lifecycles over a year — nothing escalates on an ended ticket, and an ended ticket has no live target', async () => {
    const deps = w.kefu.deps;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TYPES),
        fc.constantFrom(...TYPES),
        // A start anywhere in 2026: weekdays, weekends, Spring Festival, National Day.
        fc.integer({ min: 0, max: 364 * 24 * 60 }),
        fc.array(command, { minLength: 4, maxLength: 14 }),
        async (type, otherType, startMinute, commands) => {
          w.kefu.clock.set(new Date(Date.parse('2026-01-01T00:00:00+08:00') + startMinute * MIN));
          const open = async (t: TicketType) =>
            (
              await createTicket(
                deps,
                actors.agent,
                {
                  unitId: w.org.storeA.id,
                  type: t,
                  channel: 'phone',
                  subject: `SLA-10 property ${t}`,
                  ...(t === 'rectification' ? { rectificationKind: 'engineering' } : {}),
                } as Parameters<typeof createTicket>[2],
                null,
              )
            ).ticketId;
          const ticket = await open(type);
          const other = await open(otherType);
          const ids = [ticket, other];
          for (const c of commands) {
            await run(c, ticket, other);
            if (c.do !== 'wait') continue;
            // The scheduler's pass at the new instant: nothing may be escalated on what has ended.
            const before = await ticketStates(ids);
            await runWorkerOnce(deps);
            const fresh = rowsOf<{ subjectId: string }>(
              await deps.db.execute(sql`select subject_id as "subjectId" from notifications
                where subject_type = 'ticket' and created_at = ${deps.clock.now()}
                  and subject_id in (${sql.join(
                    ids.map((id) => sql`${id}`),
                    sql`, `,
                  )})`),
            );
            for (const n of fresh)
              expect(ENDED, `escalated on an ended ticket`).not.toContain(before.get(n.subjectId));
          }
          const states = await ticketStates(ids);
          const targets = rowsOf<TargetRow>(
            await deps.db.execute(sql`select subject_id as "subjectId", state from sla_targets
              where subject_type = 'ticket' and subject_id in (${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )})`),
          );
          for (const t of targets)
            if (ENDED.includes(states.get(t.subjectId)!))
              expect(LIVE, `live target on a ${states.get(t.subjectId)} ticket`).not.toContain(t.state);
        },
      ),
      { numRuns: 30, seed: 20261206, endOnFailure: true },
    );
  });
});
