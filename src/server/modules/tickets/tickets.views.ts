import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { scopeRoots } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { defineError } from '../../app/errors';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { listTicketsQuery, TICKET_VIEWS } from './tickets.schemas';
import { savedTicketViews } from './tickets.views.table';

/** Personal saved filters of the ticket list, next to the four built-in views. */
export const MAX_SAVED_VIEWS = 50;

export const viewErrors = {
  notFound: defineError('tickets.view_not_found', 404, '找不到该筛选视图', 'Saved view not found'),
  nameTaken: defineError(
    'tickets.view_name_taken',
    409,
    '已经有同名的筛选视图了，换个名字吧',
    'You already have a saved view with this name',
  ),
  tooMany: defineError(
    'tickets.too_many_views',
    409,
    `每人最多保存 ${MAX_SAVED_VIEWS} 个筛选视图，请先删掉不用的`,
    `At most ${MAX_SAVED_VIEWS} saved views per person; delete one first`,
  ),
};

/** Filters are kept as the list's query-string values, so the web app puts them straight into the URL. */
const savedFilters = listTicketsQuery.omit({ page: true, pageSize: true });
export const createViewBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  filters: z.record(z.string(), z.string().max(500)).refine((f) => savedFilters.safeParse(f).success, {
    message: '筛选条件不正确 / filters must be valid ticket-list filters',
  }),
});
export type CreateViewInput = z.infer<typeof createViewBody>;

export const viewSchema = z.object({
  id: z.string(),
  name: z.string(),
  builtIn: z.boolean(),
  filters: z.record(z.string(), z.string()),
  createdAt: z.string().nullable(),
});
export type PresentedView = z.infer<typeof viewSchema>;

const BUILT_IN_NAMES: Record<(typeof TICKET_VIEWS)[number], string> = {
  my_queue: '我的待办',
  due_today: '今日到期',
  breached: '已超时',
  at_risk: '即将超时',
  waiting_department: '等待部门回复',
};

function assertReadsTickets(actor: Actor): void {
  if (scopeRoots(actor.grants, 'tickets.read').length === 0)
    throw authErrors.forbidden({ permission: 'tickets.read' });
}

/** The built-in views first, then the caller's own in the order they were saved. */
export async function listViews(deps: Deps, actor: Actor): Promise<PresentedView[]> {
  assertReadsTickets(actor);
  const own = await deps.db
    .select()
    .from(savedTicketViews)
    .where(eq(savedTicketViews.userId, actor.userId))
    .orderBy(asc(savedTicketViews.createdAt), asc(savedTicketViews.name));
  return [
    ...TICKET_VIEWS.map((view) => ({
      id: view,
      name: BUILT_IN_NAMES[view],
      builtIn: true,
      filters: { view },
      createdAt: null,
    })),
    ...own.map((v) => ({
      id: v.id,
      name: v.name,
      builtIn: false,
      filters: v.filters as Record<string, string>,
      createdAt: v.createdAt.toISOString(),
    })),
  ];
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.cause ?? e).code === '23505';
};

/** Saves a filter under a name unique to the person (409 on a clash). */
export async function createView(deps: Deps, actor: Actor, input: CreateViewInput): Promise<PresentedView> {
  assertReadsTickets(actor);
  const now = deps.clock.now();
  try {
    const row = await deps.db.transaction(async (tx) => {
      const [have] = await tx
        .select({ n: count() })
        .from(savedTicketViews)
        .where(eq(savedTicketViews.userId, actor.userId));
      if (Number(have?.n ?? 0) >= MAX_SAVED_VIEWS) throw viewErrors.tooMany();
      const [saved] = await tx
        .insert(savedTicketViews)
        .values({ userId: actor.userId, name: input.name, filters: input.filters, createdAt: now })
        .returning();
      await recordAudit(tx, now, actor, {
        action: 'tickets.view_saved',
        subjectType: 'saved_view',
        subjectId: saved!.id,
        unitId: null,
        after: { name: input.name, filters: input.filters },
      });
      return saved!;
    });
    return {
      id: row.id,
      name: row.name,
      builtIn: false,
      filters: row.filters as Record<string, string>,
      createdAt: row.createdAt.toISOString(),
    };
  } catch (err) {
    if (isUniqueViolation(err)) throw viewErrors.nameTaken({ name: input.name });
    throw err;
  }
}

/** Deletes one of the caller's own views; another person's view answers 404 like a missing one. */
export async function deleteView(deps: Deps, actor: Actor, id: string): Promise<void> {
  assertReadsTickets(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(savedTicketViews)
      .where(and(eq(savedTicketViews.id, id), eq(savedTicketViews.userId, actor.userId)))
      .returning();
    if (!gone) throw viewErrors.notFound();
    await recordAudit(tx, now, actor, {
      action: 'tickets.view_deleted',
      subjectType: 'saved_view',
      subjectId: id,
      unitId: null,
      before: { name: gone.name, filters: gone.filters },
    });
  });
}
