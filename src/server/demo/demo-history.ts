/**
 * The demo company's past (issue 16): a few hundred customers with their assets, and about three
 * months of tickets, replies, department replies, complaint close-outs, work orders, contacts,
 * survey answers and follow-up tasks — so every queue, page and report has something true to show.
 *
 * Everything is written through the modules' own use cases, as the people of the demo company
 * (their real grants), with a clock moved to the instant of each step: rows, audit trail, SLA
 * targets and timelines are exactly what the product writes. Deterministic for a seed and a "now";
 * dated on the real calendar backwards from "now". Loaded once: an audit row marks it.
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import zlib from 'node:zlib';
import { localDateOf } from '../../domain/calendar';
import type { TicketChannel, TicketState, TicketTypeCode } from '../../domain/tickets';
import { closesThroughCloseOut } from '../../domain/tickets/close-out';
import { answerNeedsDepartmentReply } from '../../domain/tickets/tickets.fields';
import type { Actor, Deps } from '../app/context';
import { recordAudit } from '../modules/audit/audit.service';
import { auditLog } from '../modules/audit/audit.table';
import { claimTask, recordAttempt } from '../modules/care/care.service';
import { runCareDay } from '../modules/care/care.service';
import { careTasks } from '../modules/care/care.table';
import { completeCloseOutStep, requestCloseOut } from '../modules/complaints/complaints.service';
import { addProgress, recordComplaintDetails } from '../modules/complaints/complaints.service';
import { fileDepartmentReply } from '../modules/complaints/complaints.service';
import { logContact } from '../modules/contacts/contacts.service';
import { createCustomer } from '../modules/customers/customers.service';
import { loadGrants } from '../modules/org/org.service';
import { organisationUnits, users } from '../modules/org/org.table';
import { scanSlaTargets } from '../modules/sla/sla.service';
import { inviteForTicket, recordCallResponse } from '../modules/surveys/surveys.service';
import { createTicket } from '../modules/tickets/tickets.service';
import { tickets } from '../modules/tickets/tickets.table';
import {
  addNote,
  addReply,
  assignTicket,
  mergeTicket,
  transitionTicket,
} from '../modules/tickets/tickets.service';
import { createWorkOrder } from '../modules/workorders/workorders.service';
import { acceptanceFormFor, draftQuote, finishVisit } from '../modules/workorders/workorders.service';
import {
  agreeAppointment,
  arrive,
  assignTechnician,
  dayBounds,
  depart,
  recordChecklist,
  recordVisit,
} from '../modules/workorders/workorders.service';
import { closeWorkOrder, verifyWorkOrder } from '../modules/workorders/workorders.service';
import {
  CASES,
  DEPARTMENT_REPLY,
  DISTRICT_SUFFIX,
  GIVEN_NAMES,
  PRODUCTS,
  REPLIES,
  seededRandom,
  STORE_PLACES,
  SURNAMES,
  type Random,
} from './demo-history.data';
import { demoDirectAnswers, loadDemoKnowledge } from './demo-knowledge';
import { loadDemoCounter } from './demo-orders';

/** The audit action that marks a loaded history; a second run finds it and adds nothing. */
export const DEMO_HISTORY_MARKER = 'demo.history.loaded';
const TIME_ZONE = 'Asia/Shanghai';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const MIN = 60_000;

/** Who works each store's desk in the demo company (the 深圳 store has its manager only). */
const STORE_DESK: Record<string, { agent: string; departmentReplier: string }> = {
  'SH-XH': { agent: 'sh.agent', departmentReplier: 'east.supervisor' },
  'HZ-XH': { agent: 'hz.agent', departmentReplier: 'east.supervisor' },
  'GZ-TH': { agent: 'gz.agent', departmentReplier: 'hq.supervisor' },
  'SZ-NS': { agent: 'sz.manager', departmentReplier: 'hq.supervisor' },
};
const STORES = Object.keys(STORE_DESK);
const TYPES = Object.keys(CASES) as TicketTypeCode[];
const OPEN_TARGETS: TicketState[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_department',
  'pending_customer',
];
const ALL_TARGETS: TicketState[] = [...OPEN_TARGETS, 'resolved', 'closed', 'cancelled', 'merged'];

export interface HistoryOptions {
  /** The instant the history ends at (today's working day is in progress). */
  now: Date;
  seed?: number;
  /** How far back the tickets go. */
  days?: number;
  customersPerStore?: number;
  /** Tickets a store takes in on an average day, on top of one of every type in every state. */
  ticketsPerStoreDay?: number;
}

export interface HistoryResult {
  loaded: boolean;
  customers: number;
  tickets: number;
  workOrders: number;
  contacts: number;
  surveyAnswers: number;
  careAttempts: number;
  orders: number;
  /** Return, exchange and cancellation requests. */
  returns: number;
  ms: number;
}

interface Customer {
  id: string;
  store: string;
  name: string;
  phone: string;
  address: string;
  area: string;
  assets: {
    id: string;
    name: string;
    model: string;
    purchaseDate: string;
    skill: string;
    inWarranty: boolean;
  }[];
}

interface PlannedTicket {
  store: string;
  type: TicketTypeCode;
  target: TicketState;
  intakeAt: number;
  customer: Customer;
  channel: TicketChannel;
  /** How long the answer takes: some are late on purpose (SLA breaches happen). */
  resolveAfter: number;
}

/** A PNG with a pen stroke, as a browser canvas signs (the acceptance form needs a non-blank one). */
/**
 * CUS-1: every tenth customer (the 5th of each ten) owns a flat whose title number is overdue, and
 * the 8th of each ten one whose certificate is a few days old (not yet due) or whose number was
 * given. Drawn from the customer's position, not the random stream, so the rest stays the same.
 */
function houseOf(
  i: number,
  now: number,
  localDate: (instant: number) => string,
): { titleCertificateOn: string; titleNumber: string | null } | null {
  const ten = Math.floor(i / 10);
  if (i % 10 === 4) return { titleCertificateOn: localDate(now - (20 + 9 * ten) * DAY), titleNumber: null };
  if (i % 10 !== 7) return null;
  if (ten % 2 === 0) return { titleCertificateOn: localDate(now - (2 + ten) * DAY), titleNumber: null };
  return {
    titleCertificateOn: localDate(now - (90 + 30 * ten) * DAY),
    titleNumber: `沪(2026)浦字第${String(100_000 + 37 * i).padStart(7, '0')}号`,
  };
}

function signatureDataUrl(r: Random): string {
  const width = 60;
  const height = 20;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  const wave = r.int(2, 6);
  for (let y = 0; y < height; y++) {
    const line = Buffer.alloc(width * 4);
    for (let x = 4; x < width - 4; x++)
      if (Math.abs(Math.round(10 + wave * Math.sin(x / 5)) - y) <= 1) line.set([20, 20, 60, 255], x * 4);
    rows.push(Buffer.from([0]), line);
  }
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** True when the history was loaded before. */
export async function demoHistoryLoaded(deps: Deps): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.action, DEMO_HISTORY_MARKER))
    .limit(1);
  return !!row;
}

/**
 * Loads the history once (needs the demo company and the server's modules registered, so the
 * business events reach care and surveys as they do in production).
 */
export async function loadDemoHistory(deps: Deps, options: HistoryOptions): Promise<HistoryResult> {
  const started = performance.now();
  const empty = {
    customers: 0,
    tickets: 0,
    workOrders: 0,
    contacts: 0,
    surveyAnswers: 0,
    careAttempts: 0,
    orders: 0,
    returns: 0,
  };
  if (await demoHistoryLoaded(deps)) return { loaded: false, ...empty, ms: performance.now() - started };
  // CL-2: the direct consultations are answered from the company's approved answers.
  await loadDemoKnowledge(deps);
  const now = options.now.getTime();
  const r = seededRandom(options.seed ?? 20260301);
  const days = options.days ?? 90;
  const counts = { ...empty };

  // The moved clock: every use case reads "now" from it, so each step is written at its instant.
  let current = now;
  const h: Deps = { ...deps, clock: { now: () => new Date(current) } };
  const at = (instant: number) => {
    current = Math.min(instant, now);
  };

  const unitRows = await deps.db
    .select({ id: organisationUnits.id, code: organisationUnits.code })
    .from(organisationUnits);
  const unit = new Map(unitRows.map((u) => [u.code, u.id]));
  const userRows = await deps.db
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users);
  const actors = new Map<string, Actor>();
  for (const u of userRows)
    actors.set(u.username, {
      userId: u.id,
      username: u.username,
      displayName: u.name,
      grants: await loadGrants(deps.db, u.id),
      ip: null,
    });
  const person = (username: string) => {
    const a = actors.get(username);
    if (!a) throw new Error(`demo history: the demo company has no ${username}; load it first`);
    return a;
  };

  // Local day bounds on the real calendar, counted back from today in the stores' time zone.
  const today = localDateOf(now, TIME_ZONE);
  const dayStart = (daysAgo: number) => {
    const date = localDateOf(
      dayBounds(today, TIME_ZONE).from.getTime() - daysAgo * DAY + 12 * HOUR,
      TIME_ZONE,
    );
    return dayBounds(date, TIME_ZONE).from.getTime();
  };
  const localDate = (instant: number) => localDateOf(instant, TIME_ZONE);

  // ---- Customers ------------------------------------------------------------------------------
  const customersByStore = new Map<string, Customer[]>();
  const phones = new Set<string>();
  const [, todayMonth, todayDay] = today.split('-');
  for (const store of STORES) {
    const place = STORE_PLACES[store]!;
    const agent = person(STORE_DESK[store]!.agent);
    const list: Customer[] = [];
    for (let i = 0; i < (options.customersPerStore ?? 60); i++) {
      at(dayStart(days + 30) + i * 37 * MIN + 9 * HOUR);
      let phone: string;
      do
        phone = `1${r.pick(['39', '38', '37', '58', '86', '89', '35'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
      while (phones.has(phone));
      phones.add(phone);
      const [area, streets] = r.pick(place.areas);
      // (Drawn in the order the address always drew them, so the rest of the history stays the same.)
      const street = r.pick(streets);
      const houseNo = r.int(1, 999);
      const building = r.int(1, 20);
      const room = `${r.int(1, 30)}0${r.int(1, 4)}`;
      const address = `${place.city}${DISTRICT_SUFFIX[area]}${street} ${houseNo} 号 ${building} 栋 ${room} 室`;
      const name = r.pick(SURNAMES) + r.pick(GIVEN_NAMES);
      const assets = Array.from({ length: r.chance(0.35) ? 2 : 1 }, () => {
        const [product, models] = r.pick(PRODUCTS);
        const purchase = new Date(now - r.int(60, r.chance(0.8) ? 1000 : 1400) * DAY);
        const purchaseDate = localDate(purchase.getTime());
        const warrantyEnd = `${Number(purchaseDate.slice(0, 4)) + (product === '空调' ? 6 : 3)}${purchaseDate.slice(4)}`;
        return {
          kind: 'product' as const,
          name: product,
          model: r.pick(models),
          number: `SN${r.int(10_000_000, 99_999_999)}`,
          purchaseDate,
          warrantyEnd: warrantyEnd.endsWith('02-29') ? warrantyEnd.replace('02-29', '02-28') : warrantyEnd,
          serviceIntervalDays: product === '空调' && r.chance(0.3) ? 365 : null,
        };
      });
      // Some customers bought their flat from the group's property company (CUS-1): the title
      // number is due 14 days after the certificate — a few overdue, a few not yet due, some given.
      const house = houseOf(i, now, localDate);
      const houses = house
        ? [
            {
              kind: 'house' as const,
              name: `${street} ${houseNo} 号`,
              number: `${building}-${room}`,
              ...house,
            },
          ]
        : [];
      // A few birthdays today: the birthday greeting is in today's care worklist.
      const birthday =
        i % 25 === 3
          ? `${r.int(1960, 1995)}-${todayMonth}-${todayDay === '29' && todayMonth === '02' ? '28' : todayDay}`
          : r.chance(0.6)
            ? `${r.int(1955, 2000)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`
            : null;
      const record = await createCustomer(h, agent, {
        unitId: unit.get(store)!,
        name,
        birthday,
        source: r.pick(['门店', '线上商城', '老客户推荐', '小区团购', '400 热线']),
        phones: [{ number: phone, label: '手机', isPrimary: true }],
        addresses: [{ address, label: '家', isPrimary: true }],
        assets: [...assets, ...houses],
      });
      list.push({
        id: record.customer.id,
        store,
        name,
        phone,
        address,
        area,
        // The flat is no appliance: tickets and work orders are about the products.
        assets: record.assets
          .filter((a) => a.kind !== 'house')
          .map((a, k) => ({
            id: a.id,
            name: a.name,
            model: a.model ?? '',
            purchaseDate: a.purchaseDate ?? assets[k]!.purchaseDate,
            skill: PRODUCTS.find(([p]) => p === a.name)?.[2] ?? '空调',
            inWarranty: (a.warrantyEnd ?? '') >= today,
          })),
      });
      counts.customers++;
    }
    customersByStore.set(store, list);
  }

  // ---- The plan: one ticket of every type in every state, then an ordinary flow of work ------
  const plan: PlannedTicket[] = [];
  const intakeOn = (daysAgo: number) => {
    const from = dayStart(daysAgo) + 9 * HOUR;
    const latest = Math.min(dayStart(daysAgo) + 19 * HOUR, now - 4 * HOUR);
    return latest <= from ? null : from + Math.floor(r.next() * (latest - from));
  };
  const add = (store: string, type: TicketTypeCode, target: TicketState, daysAgo: number) => {
    const intakeAt = intakeOn(daysAgo);
    if (intakeAt === null) return;
    const late = r.chance(0.15);
    plan.push({
      store,
      type,
      target,
      intakeAt,
      customer: r.pick(customersByStore.get(store)!),
      channel: r.pick<TicketChannel>([
        'phone',
        'phone',
        'hotline_400',
        'hotline_400',
        'im_wechat',
        'walk_in',
        'web_form',
      ]),
      resolveAfter: late ? r.int(30, 80) * HOUR : r.int(2, 20) * HOUR,
    });
  };
  let k = 0;
  for (const type of TYPES)
    for (const target of ALL_TARGETS) {
      const store = STORES[k++ % STORES.length]!;
      const open = OPEN_TARGETS.includes(target);
      add(store, type, target, open ? r.int(1, 4) : target === 'closed' ? r.int(12, 60) : r.int(6, 40));
    }
  // Yesterday's quick answers closed overnight and this morning: their satisfaction calls are due today.
  for (const store of STORES) for (let i = 0; i < 3; i++) add(store, 'consultation_direct', 'closed', 1);
  const perDay = options.ticketsPerStoreDay ?? 0.6;
  for (let d = days; d >= 0; d--)
    for (const store of STORES) {
      const n = Math.floor(perDay * 2 * r.next() + (r.chance(0.5) ? 0.5 : 0));
      for (let i = 0; i < n; i++) {
        const type = r.pick<TicketTypeCode>([
          ...TYPES,
          'consultation_direct',
          'consultation_direct',
          'repair',
          'repair',
          'installation',
          'soft_complaint',
        ]);
        const x = r.next();
        const target: TicketState =
          d <= 1
            ? r.pick(['new', 'assigned', 'in_progress', 'in_progress', 'pending_customer', 'resolved'])
            : d <= 7
              ? x < 0.2
                ? 'in_progress'
                : x < 0.3
                  ? 'pending_customer'
                  : x < 0.6
                    ? 'resolved'
                    : 'closed'
              : x < 0.05
                ? 'cancelled'
                : x < 0.08
                  ? 'in_progress'
                  : x < 0.12
                    ? 'resolved'
                    : 'closed';
        add(store, type, target, d);
      }
    }
  plan.sort((a, b) => a.intakeAt - b.intakeAt);

  // ---- Tickets, in the order they came in ----------------------------------------------------
  const doneByStore = new Map<string, string[]>();
  const directAnswers = await demoDirectAnswers(deps.db);
  const signature = signatureDataUrl(r);
  const stateOf = async (id: string) =>
    (await deps.db.select({ state: tickets.state }).from(tickets).where(eq(tickets.id, id)))[0]!.state;

  for (const p of plan) {
    const desk = STORE_DESK[p.store]!;
    const agent = person(desk.agent);
    const [subject, description] = r.pick(CASES[p.type]);
    const asset = r.pick(p.customer.assets);
    const t0 = p.intakeAt;
    // Which department a rectification (CL-3) or an indirect consultation needs.
    const departmentKind = r.pick(['engineering', 'engineering', 'finance', 'marketing'] as const);
    // Each step happens at its instant, and only if that instant has come.
    // Steps of one ticket go forward in time, whatever their planned instants.
    const step = async (planned: number, fn: () => Promise<unknown>) => {
      const instant = Math.max(planned, current + MIN);
      if (instant >= now) return false;
      at(instant);
      await fn();
      return true;
    };
    at(t0);
    const created = await createTicket(
      h,
      agent,
      {
        unitId: unit.get(p.store)!,
        type: p.type,
        rectificationKind: p.type === 'rectification' ? departmentKind : null,
        channel: p.channel,
        subject,
        description,
        priority: p.type === 'hard_complaint' ? 'high' : r.chance(0.1) ? 'high' : 'normal',
        customerId: p.customer.id,
        contactPhone: p.customer.phone,
        address: p.customer.address,
        assetId: asset.id,
        assetModel: `${asset.name} ${asset.model}`,
        purchaseDate: asset.purchaseDate,
      },
      null,
    );
    const id = created.ticketId;
    counts.tickets++;
    if (['phone', 'hotline_400', 'walk_in', 'im_wechat'].includes(p.channel)) {
      await logContact(h, agent, {
        unitId: unit.get(p.store)!,
        customerId: p.customer.id,
        channel: p.channel,
        direction: 'inbound',
        occurredAt: new Date(t0 - r.int(2, 8) * MIN).toISOString(),
        durationSeconds: p.channel === 'walk_in' || p.channel === 'im_wechat' ? null : r.int(60, 600),
        summary: `${p.customer.name}：${subject}`,
        phoneNumber: p.customer.phone,
        ticketId: id,
      });
      counts.contacts++;
    }
    const storeDone = doneByStore.get(p.store) ?? [];
    doneByStore.set(p.store, storeDone);
    if (p.target === 'new') {
      if (r.chance(0.5)) await step(t0 + 20 * MIN, () => addNote(h, agent, id, r.pick(REPLIES.notes)));
      continue;
    }
    if (p.target === 'merged') {
      const into = storeDone.length > 0 ? storeDone[storeDone.length - 1]! : null;
      if (into) await step(t0 + 15 * MIN, () => mergeTicket(h, agent, id, into));
      else
        await step(t0 + 15 * MIN, () =>
          transitionTicket(h, agent, id, { to: 'cancelled', reason: '重复来电，已合并处理' }),
        );
      continue;
    }
    if (p.target !== 'cancelled') storeDone.push(id);
    const complaint = closesThroughCloseOut(p.type) || p.type === 'hard_complaint';
    const direct = p.type === 'consultation_direct' && ['resolved', 'closed'].includes(p.target);
    let resolvedAt = t0 + p.resolveAfter;
    // CL-2: a direct consultation is answered with the approved text of its answer (答客问).
    const approved = direct ? directAnswers.get(subject) : undefined;
    if (direct && !approved) throw new Error(`demo history: no approved answer for “${subject}”`);
    if (approved) {
      resolvedAt = t0 + r.int(3, 9) * MIN;
      await step(resolvedAt - MIN, () => addReply(h, agent, id, { body: approved.answer, kind: 'answer' }));
    } else {
      if (!(await step(t0 + r.int(5, 40) * MIN, () => assignTicket(h, agent, id, { userId: agent.userId }))))
        continue;
      if (complaint) {
        await step(t0 + 45 * MIN, () =>
          recordComplaintDetails(h, agent, id, {
            details: {
              whatHappened: description,
              emotionalState: r.pick(['anxious', 'dissatisfied', 'angry'] as const),
              customerRequest:
                p.type === 'hard_complaint' ? '要求更换新机并书面道歉' : '要求尽快处理并给个说法',
            },
          }),
        );
        await step(t0 + 50 * MIN, () =>
          addReply(h, agent, id, { body: r.pick(REPLIES.acknowledgement), kind: 'acknowledgement' }),
        );
      }
      if (p.type === 'hard_complaint')
        await step(t0 + 3 * HOUR, () =>
          addProgress(h, agent, id, {
            kind: 'second_response',
            body: '已与门店店长商定处理方案，明天上午上门核实并给出结果。',
            committedAt: new Date(t0 + p.resolveAfter + 2 * HOUR).toISOString(),
          }),
        );
      if (p.target === 'assigned') continue;
      if (r.chance(0.4)) await step(t0 + 70 * MIN, () => addNote(h, agent, id, r.pick(REPLIES.notes)));
      const viaDepartment =
        p.target === 'waiting_department' ||
        answerNeedsDepartmentReply(p.type) ||
        (complaint && r.chance(0.6));
      if (viaDepartment) {
        const department = `${p.store}-${departmentKind === 'finance' ? 'FIN' : departmentKind === 'marketing' ? 'MKT' : 'ENG'}`;
        await step(t0 + 90 * MIN, () => assignTicket(h, agent, id, { departmentId: unit.get(department)! }));
        if (p.target === 'waiting_department') continue;
        // The department's head answers where the demo has one; elsewhere the supervisor above.
        const replier = person(department === 'SH-XH-ENG' ? 'sh.eng.head' : desk.departmentReplier);
        const replyAt = t0 + Math.min(p.resolveAfter / 2, r.int(4, 30) * HOUR);
        const committed = localDate(t0 + p.resolveAfter + DAY);
        const n = r.int(0, DEPARTMENT_REPLY.findings.length - 1);
        await step(replyAt, () =>
          fileDepartmentReply(h, replier, id, {
            findings: DEPARTMENT_REPLY.findings[n]!,
            rootCause: DEPARTMENT_REPLY.rootCause[n]!,
            correctiveAction: {
              kind: r.pick(['rework', 'repair', 'refund', 'explanation'] as const),
              text: DEPARTMENT_REPLY.corrective[n]!,
            },
            preventiveAction: DEPARTMENT_REPLY.preventive[n]!,
            committedDate: committed,
            responsiblePersonId: replier.userId,
          }),
        );
      }
      if (p.target !== 'waiting_department' && current + MIN < now) {
        const state = await stateOf(id);
        if (state === 'assigned' || state === 'waiting_department')
          await step(Math.max(t0 + 2 * HOUR, current + MIN), () =>
            transitionTicket(h, agent, id, { to: 'in_progress' }),
          );
      }
      if (p.target === 'in_progress') continue;
      if (p.target === 'pending_customer') {
        await step(current + 20 * MIN, () =>
          addReply(h, agent, id, {
            body: '您好，麻烦您提供一下购买凭证照片，收到后我们马上处理。',
            kind: 'progress',
          }),
        );
        await step(current + 2 * MIN, () => transitionTicket(h, agent, id, { to: 'pending_customer' }));
        continue;
      }
      if (p.target === 'cancelled') {
        await step(current + 3 * HOUR, () =>
          transitionTicket(h, agent, id, { to: 'cancelled', reason: '客户来电表示问题已自行解决，无需处理' }),
        );
        continue;
      }
      // Repairs and installations in the Shanghai store go out as work orders to 安装部.
      if ((p.type === 'repair' || p.type === 'installation') && p.store === 'SH-XH' && asset.inWarranty) {
        const finished = await workOrderFor(p, id, asset, description, t0);
        if (finished !== null) resolvedAt = Math.max(resolvedAt, finished + HOUR);
      }
      resolvedAt = Math.max(resolvedAt, current + 10 * MIN);
      const answered = await step(resolvedAt - 5 * MIN, () =>
        addReply(h, agent, id, { body: r.pick(REPLIES.answer), kind: 'answer' }),
      );
      if (!answered) continue;
    }
    // CL-2: a direct consultation is resolved through the check, carrying its approved answer.
    const resolve = () =>
      transitionTicket(h, agent, id, { to: 'resolved', answerArticleId: approved?.articleId ?? null });
    if (!(await step(resolvedAt, resolve))) continue;
    if (p.target === 'resolved') continue;
    let closedAt: number;
    if (closesThroughCloseOut(p.type)) {
      // CMP-5: the intake agent asks, then 质量负责人, 绩效考核负责人 and 总经理 each do their step.
      closedAt = resolvedAt + 3 * DAY + 3 * HOUR;
      if (
        !(await step(resolvedAt + 2 * HOUR, () =>
          requestCloseOut(h, agent, id, { note: '已处理完毕，客户认可，申请结案。' }),
        ))
      )
        continue;
      if (
        !(await step(resolvedAt + DAY, () =>
          completeCloseOutStep(h, person('hq.quality'), id, 'quality_opinion', {
            text: '处理及时，责任部门已整改，同意结案。',
          }),
        ))
      )
        continue;
      if (
        !(await step(resolvedAt + 2 * DAY, () =>
          completeCloseOutStep(h, person('hq.kpi'), id, 'assessment', {
            text: '已按考核办法对责任部门扣分。',
          }),
        ))
      )
        continue;
      if (
        !(await step(closedAt, () =>
          completeCloseOutStep(h, person('gm.zhou'), id, 'approval', { text: '同意。' }),
        ))
      )
        continue;
    } else {
      closedAt = resolvedAt + r.int(6, 30) * HOUR;
      if (!(await step(closedAt, () => transitionTicket(h, agent, id, { to: 'closed' })))) continue;
    }
    // SAT-1: about half of the closed tickets get a satisfaction call a day later.
    if (r.chance(0.5) && closedAt + DAY < now) {
      at(closedAt + DAY + r.int(0, 5) * HOUR);
      const invitation = await inviteForTicket(h, agent, { subjectId: id, delivery: 'call' });
      const x = r.next();
      // About one in seven is unhappy (a detractor: the results page and the follow-up ticket show it).
      const csat =
        counts.surveyAnswers % 7 === 3 ? r.int(1, 2) : x < 0.55 ? 5 : x < 0.85 ? 4 : x < 0.95 ? 3 : 2;
      at(current + r.int(2, 10) * MIN);
      await recordCallResponse(h, agent, invitation.invitationId, {
        csat,
        ...(csat >= 4 ? { aspects: ['attitude', 'speed'] } : {}),
        ...(csat <= 2
          ? { comment: r.pick(['处理太慢，打了好几次电话才有人管', '师傅态度一般，问题拖了很久']) }
          : {}),
      });
      counts.surveyAnswers++;
    }
  }

  // The work order of a repair or installation (hoisted; it reads the loop's clock and random source).
  async function workOrderFor(
    p: PlannedTicket,
    ticketId: string,
    asset: Customer['assets'][number],
    problem: string,
    t0: number,
  ): Promise<number | null> {
    const agent = person(STORE_DESK[p.store]!.agent);
    const dispatcher = person('sh.install');
    const tech = person(asset.skill === '空调' && r.chance(0.5) ? 'sh.tech2' : 'sh.tech');
    const createdAt = t0 + 30 * MIN;
    if (createdAt >= now) return null;
    at(createdAt);
    const woId = await createWorkOrder(h, agent, {
      unitId: unit.get('SH-XH-INST')!,
      type: p.type === 'installation' ? 'install' : 'repair',
      ticketId,
      problem,
      requiredSkill: p.type === 'installation' ? '安装' : asset.skill === '热水器' ? '热水器' : '空调',
      area: p.customer.area,
      ...(p.type === 'repair' ? { faultCause: 'defect' as const } : {}),
    });
    counts.workOrders++;
    // The visit: next day (or the day after) at 10:00 or 14:00 local time.
    const visitDay = dayBounds(localDate(createdAt + r.int(1, 2) * DAY), TIME_ZONE).from.getTime();
    const start = visitDay + (r.chance(0.5) ? 10 : 14) * HOUR;
    const steps: [number, () => Promise<unknown>][] = [
      [
        createdAt + 40 * MIN,
        () => assignTechnician(h, dispatcher, woId, { technicianId: tech.userId, allowWithoutSkill: true }),
      ],
      [
        createdAt + 60 * MIN,
        () =>
          agreeAppointment(h, dispatcher, woId, { start: new Date(start), end: new Date(start + 2 * HOUR) }),
      ],
      [
        start - 60 * MIN,
        () =>
          recordChecklist(h, tech, woId, {
            partsPrepared: true,
            documentsPrinted: true,
            addressConfirmed: true,
            arrivalTimeConfirmed: true,
          }),
      ],
      [start - 30 * MIN, () => depart(h, tech, woId)],
      [start + 5 * MIN, () => arrive(h, tech, woId)],
      [
        start + 70 * MIN,
        async () => {
          const visited = await recordVisit(h, tech, woId, {
            workDone:
              p.type === 'installation'
                ? '按规范完成安装，试机正常，已清理现场。'
                : '更换故障配件，试机运行正常。',
            minutesSpent: 60,
            notes: '',
            // REP-5: the fault cause comes before the customer's signature.
            diagnosis:
              p.type === 'installation'
                ? { finding: 'other', note: '新机安装，无故障' }
                : { finding: 'product_defect', note: '配件质量问题' },
          });
          // A charged order (class A: no warranty date on record) needs its charges first (PAY-3).
          if (visited.serviceClass === 'A')
            await draftQuote(h, tech, woId, {
              lines: [
                { kind: 'service', priceItemId: null, name: '安装辅材', quantity: 1, unitPriceFen: 6000 },
              ],
            });
        },
      ],
      [
        start + 80 * MIN,
        async () =>
          finishVisit(h, tech, woId, {
            acceptance: {
              items: (await acceptanceFormFor(h.db, woId)).items.map((i) => ({
                key: i.key,
                result: 'accepted' as const,
              })),
              signerName: p.customer.name,
              signature,
              // SAT-1: the furniture company's form (sales service, workmanship, installation service).
              ratings: {
                sales_service: r.int(4, 5),
                workmanship: r.int(3, 5),
                installation_service: r.int(3, 5),
              },
              comment: r.pick(['师傅很专业', '准时上门，满意', '']),
            },
          }),
      ],
      [start + DAY, () => verifyWorkOrder(h, dispatcher, woId, { note: '现场照片与签字齐全。' })],
      [start + DAY + 2 * HOUR, () => closeWorkOrder(h, dispatcher, woId, { note: '已电话回访，客户满意。' })],
    ];
    let finished: number | null = null;
    for (const [instant, fn] of steps) {
      if (instant >= now) return null;
      at(instant);
      await fn();
      if (fn === steps[6]![1]) finished = instant;
    }
    return finished;
  }

  // ---- Care: today's date rules, and the follow-up calls already made -----------------------
  at(now);
  for (const store of STORES) await runCareDay(h, unit.get(store)!, today);
  const due = await deps.db
    .select({ id: careTasks.id, unitId: careTasks.unitId, dueAt: careTasks.dueAt })
    .from(careTasks)
    .where(
      and(
        eq(careTasks.state, 'open'),
        eq(careTasks.channel, 'call'),
        // Today's calls are left for the agents: the worklist's "due today".
        lt(careTasks.dueAt, new Date(dayStart(0))),
      ),
    )
    .orderBy(asc(careTasks.dueAt), asc(careTasks.id));
  const storeOf = new Map(STORES.map((s) => [unit.get(s)!, s]));
  for (const task of due) {
    if (!r.chance(0.85)) continue;
    const store = storeOf.get(task.unitId);
    if (!store) continue;
    const agent = person(STORE_DESK[store]!.agent);
    at(Math.max(task.dueAt.getTime(), dayStart(0) - 30 * DAY) + r.int(10, 180) * MIN);
    await claimTask(h, agent, task.id);
    at(current + 2 * MIN);
    const x = r.next();
    await recordAttempt(h, agent, task.id, {
      outcome: x < 0.75 ? 'reached_satisfied' : 'no_answer',
      note: x < 0.75 ? '客户表示满意，使用正常。' : '无人接听，稍后再打。',
    });
    counts.careAttempts++;
  }

  // ---- The counter: orders sold, and the requests on the Shanghai store's desk (RET-1…RET-8) ----
  for (const store of STORES) {
    const sold = await loadDemoCounter(h, {
      at,
      now,
      r,
      unitId: unit.get(store)!,
      storeCode: store,
      clerk: person(STORE_DESK[store]!.agent),
      customers: customersByStore.get(store)!,
      withRequests: store === 'SH-XH',
    });
    counts.orders += sold.orders;
    counts.returns += sold.returns;
  }

  // ---- SLA: the scan marks what is at risk or breached as of now ------------------------------
  at(now);
  await scanSlaTargets(h);

  await recordAudit(deps.db, new Date(now), null, {
    action: DEMO_HISTORY_MARKER,
    subjectType: 'demo',
    subjectId: 'history',
    unitId: unit.get('HQ') ?? null,
    after: { seed: options.seed ?? 20260301, days, ...counts },
  });
  return { loaded: true, ...counts, ms: performance.now() - started };
}
