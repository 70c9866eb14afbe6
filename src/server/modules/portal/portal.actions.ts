/**
 * What a signed-in customer does on their own records in the portal (PORTAL-1): add photos to a
 * request, write on it, open their work orders to sign and rate the acceptance, and answer their
 * open surveys. Every action first finds the record among those of the customers whose records
 * carry the signed-in number; anyone else's record answers 404, the same as one that does not exist.
 *
 * Photos pass the staff side's checks (type from the bytes against the allowed list, size limit).
 * Signing, rating and answering go through the customer pages the work-order and survey links open
 * (PORTAL-2): the portal hands out a link for that one record, living as long as a portal session.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, desc, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { isEndedState } from '../../../domain/tickets';
import type { Deps } from '../../app/context';
import {
  cleanFileName,
  detectContentType,
  insertAttachment,
  maxAttachmentBytes,
} from '../attachments/attachments.service';
import { attachments } from '../attachments/attachments.table';
import { recordAudit } from '../audit/audit.service';
import { createCustomerLink } from '../customer-links/customer-links.service';
import { surveyUrlOf } from '../surveys/surveys.service';
import { surveyInvitations } from '../surveys/surveys.table';
import { createNotifications } from '../notifications/notifications.service';
import {
  addEvent,
  applyStateEffects,
  loadTicket,
  saveTicket,
  stateChanges,
} from '../tickets/tickets.service';
import { tickets } from '../tickets/tickets.table';
import { WORK_ORDER_LINK_SUBJECT, workOrderUrlOf } from '../workorders/workorders.service';
import { workOrders } from '../workorders/workorders.table';
import { customersOfPhone, SESSION_TTL_MS } from './portal.auth';
import { portalErrors } from './portal.errors';
import { portalFiles } from './portal.table';

/** Photos one request takes from the customer. */
export const PHOTOS_PER_REQUEST = 9;
/** Marks the audit entries as the customer's own, through the portal (audit actorOrigin). */
const ORIGIN = { intakeOrigin: 'customer_portal' } as const;

async function ownedIds(deps: Deps, phone: string): Promise<string[]> {
  return (await customersOfPhone(deps, phone)).map((c) => c.id);
}

/** What the portal reads of one of my tickets. */
const ownTicketColumns = {
  id: tickets.id,
  number: tickets.number,
  unitId: tickets.unitId,
  subject: tickets.subject,
  state: tickets.state,
  receivedAt: tickets.receivedAt,
  description: tickets.description,
  customerId: tickets.customerId,
};

/**
 * One of my tickets — a ticket of a customer whose record carries the signed-in number — or 404, the
 * same answer as a ticket that does not exist. Every read of and write on a request starts here.
 */
export async function ownTicket(deps: Deps, phone: string, id: string) {
  const owned = await ownedIds(deps, phone);
  if (owned.length === 0) throw portalErrors.notFound();
  const [t] = await deps.db
    .select(ownTicketColumns)
    .from(tickets)
    .where(and(eq(tickets.id, id), inArray(tickets.customerId, owned)));
  if (!t) throw portalErrors.notFound();
  return { ...t, customerId: t.customerId! };
}

/** SLA-7: where a request waiting on the customer goes when the customer answers — back to the staff. */
const STAFF_TURN = 'in_progress' as const;

/**
 * The customer writes on their request; the agent reads it in the ticket's timeline, and whoever
 * works the ticket (its assignee, else its intake agent) is notified. A request waiting on the
 * customer (pending_customer, 待您确认) goes back to the staff: in progress, its SLA clock resumed
 * as on any move out of waiting (SLA-7).
 */
export async function replyToRequest(deps: Deps, phone: string, id: string, text: string) {
  const own = await ownTicket(deps, phone, id);
  if (isEndedState(own.state)) throw portalErrors.requestClosed();
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // Locked, so a staff move at the same moment and this one do not both start from the old state.
    const loaded = await loadTicket(tx, own.id, { forUpdate: true });
    if (!loaded) throw portalErrors.notFound();
    const { ticket } = loaded;
    if (isEndedState(ticket.state)) throw portalErrors.requestClosed();
    await addEvent(tx, {
      ticketId: ticket.id,
      type: 'customer_reply',
      actorId: null,
      at: now,
      visibility: 'customer',
      body: { text, origin: 'customer_portal' },
    });
    const backToStaff = ticket.state === 'pending_customer';
    if (backToStaff) {
      await saveTicket(tx, ticket.id, stateChanges(ticket.state, STAFF_TURN, now));
      await applyStateEffects(deps, tx, ticket, STAFF_TURN, now);
      await addEvent(tx, {
        ticketId: ticket.id,
        type: 'state_changed',
        actorId: null,
        at: now,
        body: {
          from: ticket.state,
          to: STAFF_TURN,
          reason: '客户已回复 / The customer replied',
          origin: 'customer_portal',
        },
      });
    } else {
      await saveTicket(tx, ticket.id, { updatedAt: now });
    }
    const owner = ticket.assigneeUserId ?? ticket.intakeAgentId;
    if (owner)
      await createNotifications(tx, [
        {
          recipientId: owner,
          kind: 'customer_replied',
          subjectType: 'ticket',
          subjectId: ticket.id,
          payload: {
            number: ticket.number,
            fromState: ticket.state,
            toState: backToStaff ? STAFF_TURN : ticket.state,
          },
          createdAt: now,
        },
      ]);
    await recordAudit(tx, now, null, {
      action: 'portal.replied',
      subjectType: 'ticket',
      subjectId: ticket.id,
      unitId: ticket.unitId,
      before: { state: ticket.state },
      after: { ...ORIGIN, text, state: backToStaff ? STAFF_TURN : ticket.state },
    });
  });
}

/**
 * A photo on my request: checked as the staff side checks an upload (recognised from its bytes,
 * within the size limit, of an allowed type), kept as an attachment of the ticket. The bytes are
 * stored first and the rows written in one transaction; if that fails the stored file is removed.
 */
export async function addPhoto(
  deps: Deps,
  phone: string,
  id: string,
  file: { fileName: string | undefined; bytes: Buffer },
) {
  const t = await ownTicket(deps, phone, id);
  if (isEndedState(t.state)) throw portalErrors.requestClosed();
  const maxBytes = maxAttachmentBytes(deps.config);
  if (file.bytes.length === 0) throw portalErrors.photoEmpty();
  if (file.bytes.length > maxBytes) throw portalErrors.photoTooLarge({ maxBytes });
  const contentType = await detectContentType(file.bytes);
  if (!contentType?.startsWith('image/') || !deps.config.attachmentTypes.includes(contentType))
    throw portalErrors.notAPhoto({ detected: contentType ?? null });
  const already = await deps.db
    .select({ id: portalFiles.attachmentId })
    .from(portalFiles)
    .where(eq(portalFiles.ticketId, t.id));
  if (already.length >= PHOTOS_PER_REQUEST) throw portalErrors.tooManyPhotos({ max: PHOTOS_PER_REQUEST });

  const attachmentId = randomUUID();
  const stored = await deps.storage.put(`attachments/${attachmentId}`, file.bytes, {
    contentType,
    size: file.bytes.length,
  });
  try {
    return await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const row = await insertAttachment(tx, {
        id: attachmentId,
        subjectType: 'ticket',
        subjectId: t.id,
        unitId: t.unitId,
        fileName: cleanFileName(file.fileName),
        contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
        // The customer added it themselves: the staff's file list shows it as 客户上传.
        uploadedBy: null,
        uploadedByCustomerId: t.customerId,
        uploadedAt: now,
      });
      await tx
        .insert(portalFiles)
        .values({ attachmentId, ticketId: t.id, phone, customerId: t.customerId, createdAt: now });
      await recordAudit(tx, now, null, {
        action: 'portal.photo_added',
        subjectType: 'ticket',
        subjectId: t.id,
        unitId: t.unitId,
        after: { ...ORIGIN, attachmentId, fileName: row.fileName, contentType, size: row.size },
      });
      return { id: row.id, fileName: row.fileName, contentType, size: row.size };
    });
  } catch (err) {
    await deps.storage
      .delete(stored.key)
      .catch((deleteErr: unknown) =>
        deps.logger.error({ err: deleteErr, key: stored.key }, 'stored photo of a failed upload not removed'),
      );
    throw err;
  }
}

/** The photos I added to a request (only mine: the staff's files of the ticket stay inside). */
export async function photosOf(deps: Deps, ticketId: string) {
  const rows = await deps.db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(portalFiles)
    .innerJoin(attachments, eq(attachments.id, portalFiles.attachmentId))
    .where(and(eq(portalFiles.ticketId, ticketId), isNull(attachments.deletedAt)))
    .orderBy(asc(portalFiles.createdAt));
  return rows;
}

/** One of my photos, with a way to read its bytes; anyone else's is 404. */
export async function openPhoto(
  deps: Deps,
  phone: string,
  attachmentId: string,
): Promise<{
  contentType: string;
  size: number;
  sha256: string;
  fileName: string;
  content: () => Promise<Readable>;
}> {
  const owned = await ownedIds(deps, phone);
  if (owned.length === 0) throw portalErrors.notFound();
  const [row] = await deps.db
    .select({
      contentType: attachments.contentType,
      size: attachments.size,
      sha256: attachments.sha256,
      fileName: attachments.fileName,
      storageKey: attachments.storageKey,
    })
    .from(portalFiles)
    .innerJoin(attachments, eq(attachments.id, portalFiles.attachmentId))
    .innerJoin(tickets, eq(tickets.id, portalFiles.ticketId))
    .where(
      and(
        eq(portalFiles.attachmentId, attachmentId),
        inArray(tickets.customerId, owned),
        isNull(attachments.deletedAt),
      ),
    );
  if (!row) throw portalErrors.notFound();
  return { ...row, content: () => deps.storage.get(row.storageKey) };
}

/** My work orders (appointments and state), newest first. */
export async function listWorkOrders(deps: Deps, phone: string) {
  const owned = await ownedIds(deps, phone);
  if (owned.length === 0) return [];
  const rows = await deps.db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      type: workOrders.type,
      state: workOrders.state,
      appointmentStart: workOrders.appointmentStart,
      appointmentEnd: workOrders.appointmentEnd,
      createdAt: workOrders.createdAt,
    })
    .from(workOrders)
    .where(inArray(workOrders.customerId, owned))
    .orderBy(desc(workOrders.createdAt))
    .limit(50);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type,
    state: r.state,
    appointment:
      r.appointmentStart && r.appointmentEnd
        ? { start: r.appointmentStart.toISOString(), end: r.appointmentEnd.toISOString() }
        : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** My surveys still waiting for an answer (sent as a link and not yet expired), newest first. */
export async function listOpenSurveys(deps: Deps, phone: string) {
  const owned = await ownedIds(deps, phone);
  if (owned.length === 0) return [];
  const rows = await deps.db
    .select({
      id: surveyInvitations.id,
      title: surveyInvitations.title,
      createdAt: surveyInvitations.createdAt,
      expiresAt: surveyInvitations.expiresAt,
    })
    .from(surveyInvitations)
    .where(
      and(
        inArray(surveyInvitations.customerId, owned),
        // Set with the response, in its transaction (surveys' recordSurveyResponse).
        isNull(surveyInvitations.answeredAt),
        ne(surveyInvitations.delivery, 'call'),
        gt(surveyInvitations.expiresAt, deps.clock.now()),
      ),
    )
    .orderBy(desc(surveyInvitations.createdAt))
    .limit(50);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt!.toISOString(),
  }));
}

/**
 * A customer-page link to one of my work orders (to follow it, sign and rate the acceptance when
 * the visit is done) or one of my open surveys (to answer it), valid for one portal session.
 */
export async function openRecordLink(deps: Deps, phone: string, kind: 'workorder' | 'survey', id: string) {
  const owned = await ownedIds(deps, phone);
  if (owned.length === 0) throw portalErrors.notFound();
  const now = deps.clock.now();
  const sessionEnd = new Date(now.getTime() + SESSION_TTL_MS);
  return deps.db.transaction(async (tx) => {
    let target: { unitId: string; customerId: string; expiresAt: Date } | null = null;
    if (kind === 'workorder') {
      const [o] = await tx
        .select({ unitId: workOrders.unitId, customerId: workOrders.customerId })
        .from(workOrders)
        .where(and(eq(workOrders.id, id), inArray(workOrders.customerId, owned)));
      if (o) target = { unitId: o.unitId, customerId: o.customerId!, expiresAt: sessionEnd };
    } else {
      const [s] = await tx
        .select({
          unitId: surveyInvitations.unitId,
          customerId: surveyInvitations.customerId,
          expiresAt: surveyInvitations.expiresAt,
        })
        .from(surveyInvitations)
        .where(
          and(
            eq(surveyInvitations.id, id),
            inArray(surveyInvitations.customerId, owned),
            isNull(surveyInvitations.answeredAt),
            ne(surveyInvitations.delivery, 'call'),
            gt(surveyInvitations.expiresAt, now),
          ),
        );
      if (s)
        target = {
          unitId: s.unitId,
          customerId: s.customerId!,
          expiresAt: new Date(Math.min(s.expiresAt!.getTime(), sessionEnd.getTime())),
        };
    }
    if (!target) throw portalErrors.notFound();
    const link = await createCustomerLink(deps, tx, {
      subjectType: kind === 'workorder' ? WORK_ORDER_LINK_SUBJECT : 'survey_invitation',
      subjectId: id,
      customerId: target.customerId,
      unitId: target.unitId,
      purpose: kind === 'workorder' ? 'portal_workorder' : 'portal_survey',
      expiresAt: target.expiresAt,
    });
    await recordAudit(tx, now, null, {
      action: 'portal.record_opened',
      subjectType: kind === 'workorder' ? 'work_order' : 'survey_invitation',
      subjectId: id,
      unitId: target.unitId,
      after: { ...ORIGIN, expiresAt: link.expiresAt.toISOString() },
    });
    return {
      path: kind === 'workorder' ? workOrderUrlOf(link.token) : surveyUrlOf(link.token),
      expiresAt: link.expiresAt.toISOString(),
    };
  });
}
