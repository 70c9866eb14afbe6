/**
 * The customer's side (PORTAL-2): a link sent by SMS that shows only the appointment, the
 * technician and the state, and lets the customer sign and rate on the technician's handed-over
 * phone (REP-5, SAT-1). The link token is the only credential; there is no session.
 */
import { acceptanceFormOf } from './workorders.acceptance';
import { normalizePhone } from '../../../domain/customers/phone';
import { customerRequestProblem } from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import { authErrors } from '../auth/auth.errors';
import {
  createCustomerLink,
  customerLinkAddress,
  resolveCustomerLink,
} from '../customer-links/customer-links.service';
import { enqueueMessage } from '../messages/messages.service';
import { unitContact } from '../org/org.service';
import { editWorkOrder } from './workorders.access';
import { workOrderErrors } from './workorders.errors';
import { deliverReturn, finishVisit, type AcceptanceInput } from './workorders.completion';
import { rolesOn } from './workorders.policy';
import { peopleOf } from './workorders.queries';
import { customerRequestsOf } from './workorders.customer-requests';
import { loadWorkOrder, orderDetails } from './workorders.repository';

const DAY = 24 * 3600_000;
/** The customer page of a work order in the web app. */
export const workOrderUrlOf = (token: string) => `/c/w/${token}`;
export const LINK_SUBJECT = 'workorder';

const STATE_LABELS: Record<string, { zh: string; en: string }> = {
  new: { zh: '已受理', en: 'Received' },
  assigned: { zh: '已派工', en: 'Technician assigned' },
  appointment_agreed: { zh: '已预约', en: 'Visit booked' },
  en_route: { zh: '师傅已出发', en: 'Technician on the way' },
  on_site: { zh: '师傅已到达', en: 'Technician on site' },
  completed: { zh: '已完工', en: 'Completed' },
  carried_in: { zh: '已带回维修', en: 'Taken in for repair' },
  returned: { zh: '已送回', en: 'Returned' },
  verified: { zh: '已完工', en: 'Completed' },
  closed: { zh: '已完成', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Creates a customer link for the order and, when asked, texts it (template workorder_link). */
export async function createWorkOrderLink(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { expiresInDays?: number | undefined; sendSms?: boolean | undefined },
) {
  let answer: { url: string; token: string; expiresAt: Date; messageId: string | null } | null = null;
  await editWorkOrder(
    deps,
    actor,
    id,
    'workorders.read',
    'workorder.customer_link_created',
    async ({ tx, order, unit, now }) => {
      // The dispatcher texts the link; the technician opens it to hand the phone over.
      const roles = rolesOn(actor, { unitPath: unit.path, technicianId: order.technicianId });
      if (!roles.includes('dispatcher') && !roles.includes('technician'))
        throw authErrors.forbidden({ permission: 'workorders.dispatch' });
      const phone = normalizePhone(order.contactPhone);
      if (input.sendSms && !(phone.ok && phone.kind === 'mobile')) throw workOrderErrors.noCustomerPhone();
      const link = await createCustomerLink(deps, tx, {
        subjectType: LINK_SUBJECT,
        subjectId: id,
        customerId: order.customerId,
        unitId: order.unitId,
        purpose: 'workorder',
        expiresAt: new Date(now.getTime() + (input.expiresInDays ?? 7) * DAY),
      });
      let messageId: string | null = null;
      if (input.sendSms && phone.ok) {
        const sent = await enqueueMessage(deps, tx, {
          unitId: order.unitId,
          customerId: order.customerId,
          channel: 'sms',
          to: phone.normalized,
          templateCode: 'workorder_link',
          variables: {
            customerName: order.contactName,
            url: customerLinkAddress(deps, workOrderUrlOf(link.token)),
          },
          purpose: 'service',
          idempotencyKey: `workorder:${id}:link:${now.getTime()}`,
          source: { type: 'work_order', id },
          createdBy: actor.userId,
        });
        messageId = sent.id;
      }
      answer = { url: workOrderUrlOf(link.token), token: link.token, expiresAt: link.expiresAt, messageId };
      return { audit: { expiresAt: link.expiresAt, sms: !!input.sendSms } };
    },
  );
  return answer!;
}

/** PORTAL-2: what the customer may see — nothing of the address, prices or their own number. */
export async function publicWorkOrder(deps: Deps, token: string) {
  const link = await resolveCustomerLink(deps, deps.db, token, LINK_SUBJECT);
  const loaded = await loadWorkOrder(deps.db, link.subjectId);
  if (!loaded) throw workOrderErrors.notFound();
  const o = loaded.order;
  const people = await peopleOf(deps.db, [o.technicianId]);
  const tech = o.technicianId ? people.get(o.technicianId) : undefined;
  const { acceptances } = await orderDetails(deps.db, o.id);
  const contact = await unitContact(deps.db, loaded.unit);
  const signed =
    acceptances.find((a) => a.kind === 'completion') ?? acceptances.find((a) => a.kind === 'return');
  const requests = await customerRequestsOf(deps.db, o.id);
  const mayAsk = (kind: 'reschedule' | 'cancel') =>
    customerRequestProblem({
      state: o.state,
      kind,
      windows: [
        {
          start: new Date(deps.clock.now().getTime() + DAY),
          end: new Date(deps.clock.now().getTime() + 2 * DAY),
        },
      ],
      pendingKinds: requests.filter((r) => r.state === 'pending').map((r) => r.kind),
      requestCount: requests.length,
      now: deps.clock.now(),
    }) === null;
  return {
    number: o.number,
    type: o.type,
    state: o.state,
    stateLabel: STATE_LABELS[o.state]!,
    appointment:
      o.appointmentStart && o.appointmentEnd
        ? { start: o.appointmentStart.toISOString(), end: o.appointmentEnd.toISOString() }
        : null,
    technician: tech ? { name: tech.name, phone: tech.phone } : null,
    problem: o.problem,
    unitName: contact?.name ?? loaded.unit.name,
    servicePhone: contact?.servicePhone ?? null,
    unitAddress: contact?.address ?? null,
    visit: o.visit ? { workDone: o.visit.workDone } : null,
    canSign: (o.state === 'on_site' && !!o.visit) || (o.state === 'carried_in' && o.returnBooked),
    acceptance: signed
      ? {
          signedAt: signed.signedAt.toISOString(),
          template: signed.template,
          ratings: signed.ratings,
          items: signed.items,
        }
      : null,
    acceptanceForm: await acceptanceFormOf(deps.db, o, loaded.unit),
    canRequest: { reschedule: mayAsk('reschedule'), cancel: mayAsk('cancel') },
    // Staff names stay inside: the customer reads the outcome and the reason.
    requests: requests.reverse().map((r) => ({
      id: r.id,
      kind: r.kind,
      state: r.state,
      windows: r.windows,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      declineReason: r.declineReason,
      booked:
        r.bookedStart && r.bookedEnd
          ? { start: r.bookedStart.toISOString(), end: r.bookedEnd.toISOString() }
          : null,
    })),
  };
}

/** REP-5/SAT-1 through the link: completes the visit (or the return delivery) with the customer's signature. */
export async function publicAcceptance(deps: Deps, token: string, acceptance: AcceptanceInput) {
  const link = await resolveCustomerLink(deps, deps.db, token, LINK_SUBJECT);
  const loaded = await loadWorkOrder(deps.db, link.subjectId);
  if (!loaded) throw workOrderErrors.notFound();
  const order =
    loaded.order.state === 'carried_in'
      ? await deliverReturn(deps, null, loaded.order.id, { acceptance })
      : await finishVisit(deps, null, loaded.order.id, { acceptance });
  return { ok: true as const, state: order.state };
}
