import { can, type PermissionCode } from '../../../domain/permissions';
import { allowedTransitions, isOpenState, isReopen } from '../../../domain/tickets';
import { closesThroughCloseOut } from '../../../domain/tickets/close-out';
import type { TicketCan } from '../../../shared/tickets';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { ticketErrors } from './tickets.errors';
import { loadTicket, type LoadedTicket } from './tickets.repository';

/**
 * ORG-1 for tickets: a ticket belongs to its unit, and also to the department it is routed to, so
 * an HQ department sees the store rectifications it owes a reply on.
 */
export function mayOnTicket(actor: Actor, permission: PermissionCode, loaded: LoadedTicket): boolean {
  return (
    can(actor.grants, permission, loaded.unit.path) ||
    (!!loaded.department && can(actor.grants, permission, loaded.department.path))
  );
}

/**
 * ORG-1 per ticket: what `actor` may do on this ticket in its present state — the same checks the
 * use cases make (permission at the ticket's unit or department, then the state machine), so the
 * web shows only the buttons that would work.
 */
export function ticketCan(actor: Actor, loaded: LoadedTicket): TicketCan {
  const { state, type } = loaded.ticket;
  const manage = mayOnTicket(actor, 'tickets.manage', loaded);
  const open = isOpenState(state);
  const moves = manage ? allowedTransitions(state) : [];
  return {
    edit: manage,
    note: manage,
    reply: manage,
    milestone: manage,
    assign: open && mayOnTicket(actor, 'tickets.assign', loaded),
    reclassify: manage && open,
    merge: manage && open,
    transition: moves.some((s) => s !== 'assigned' && s !== 'merged'),
    resolve: moves.includes('resolved'),
    close: moves.includes('closed') && !closesThroughCloseOut(type),
    reopen: moves.some((to) => isReopen(state, to)),
    cancel: moves.includes('cancelled'),
  };
}

/** 404 when the caller cannot see the ticket at all; 403 when they see it but lack `permission`. */
export function assertOnTicket(actor: Actor, permission: PermissionCode, loaded: LoadedTicket): void {
  if (mayOnTicket(actor, permission, loaded)) return;
  if (permission !== 'tickets.read' && mayOnTicket(actor, 'tickets.read', loaded))
    throw authErrors.forbidden({ permission });
  throw ticketErrors.notFound();
}

/**
 * A ticket another record points at (a task, a contact-log row): it must exist and be visible to
 * the caller, else the same 404 as reading it (ORG-1) — a link is never a way into another store.
 */
export async function ticketInScope(db: Db, actor: Actor, id: string): Promise<LoadedTicket> {
  const loaded = await loadTicket(db, id);
  if (!loaded || !mayOnTicket(actor, 'tickets.read', loaded)) throw ticketErrors.notFound();
  return loaded;
}

/** Runs `fn` on the ticket locked in one transaction, after the scope (404) and permission (403) checks. */
export async function onLockedTicket<T>(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: PermissionCode,
  fn: (tx: Db, loaded: LoadedTicket, now: Date) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadTicket(tx, id, { forUpdate: true });
    if (!loaded) throw ticketErrors.notFound();
    assertOnTicket(actor, permission, loaded);
    return fn(tx, loaded, deps.clock.now());
  });
}
