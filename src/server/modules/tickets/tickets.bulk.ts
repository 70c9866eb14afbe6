import { z } from 'zod';
import type { Actor, Deps } from '../../app/context';
import { AppError } from '../../app/errors';
import { assignTicket, transitionTicket } from './tickets.usecases';
import { TRANSITION_TARGETS } from './tickets.schemas';

/**
 * Bulk assign / transition (issue #4). Each ticket goes through the very use case of the single
 * action, in its own transaction: a refused ticket is left exactly as it was, the others change,
 * and the answer says per ticket what happened and why. (All-or-nothing would let one closed
 * ticket among 200 block the whole morning's dispatch.)
 */
export const MAX_BULK_TICKETS = 200;

const ticketIds = z
  .array(z.uuid())
  .min(1)
  .max(MAX_BULK_TICKETS)
  .refine((ids) => new Set(ids).size === ids.length, {
    message: '工单列表中有重复 / ticketIds contains duplicates',
  });
export const bulkAssignBody = z
  .strictObject({
    ticketIds,
    userId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    departmentId: z.uuid().optional(),
  })
  .refine((b) => [b.userId, b.teamId, b.departmentId].filter(Boolean).length === 1, {
    message: '请且仅请指定一个：处理人、小组或部门 / give exactly one of userId, teamId, departmentId',
  });
export const bulkTransitionBody = z.strictObject({
  ticketIds,
  to: z.enum(TRANSITION_TARGETS),
  reason: z.string().trim().max(500).nullable().optional(),
});

const outcome = z.union([
  z.object({ ticketId: z.string(), ok: z.literal(true) }),
  z.object({
    ticketId: z.string(),
    ok: z.literal(false),
    code: z.string(),
    status: z.number(),
    message: z.string(),
    messageEn: z.string(),
  }),
]);
export const bulkResultSchema = z.object({
  succeeded: z.number(),
  failed: z.number(),
  results: z.array(outcome),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

async function eachTicket(ids: string[], change: (id: string) => Promise<void>): Promise<BulkResult> {
  const results: BulkResult['results'] = [];
  // One after another: the tickets share SLA targets, counters and the audit trail; order keeps it simple.
  for (const ticketId of ids) {
    try {
      await change(ticketId);
      results.push({ ticketId, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({
        ticketId,
        ok: false,
        code: err.code,
        status: err.status,
        message: err.messageZh,
        messageEn: err.messageEn,
      });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, failed: results.length - succeeded, results };
}

/** Assigns every listed ticket the way POST /tickets/:id/assign would; per-ticket outcome. */
export function bulkAssign(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof bulkAssignBody>,
): Promise<BulkResult> {
  const { ticketIds: ids, ...target } = input;
  return eachTicket(ids, (id) => assignTicket(deps, actor, id, target));
}

/** Moves every listed ticket the way POST /tickets/:id/transition would (e.g. bulk close); per-ticket outcome. */
export function bulkTransition(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof bulkTransitionBody>,
): Promise<BulkResult> {
  return eachTicket(input.ticketIds, (id) =>
    transitionTicket(deps, actor, id, { to: input.to, reason: input.reason ?? null }),
  );
}
