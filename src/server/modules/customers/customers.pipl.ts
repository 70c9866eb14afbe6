/**
 * Personal-information requests under PIPL (个人信息保护法): a customer's own data as one Excel file,
 * and the erasure of their personal information with the general manager's approval (approval
 * engine, subject `customer_erasure`, decision 0016). Erasure anonymises the personal fields
 * wherever Kefu holds them — the record, its phones, addresses and house numbers, its version
 * history and change forms, and (through `registerErasureHandler`) the free text of other modules
 * such as the contact log and tickets — and keeps the money records the law requires to keep
 * (orders, payments, points ledger amounts). Every step is audited.
 */
import { eq } from 'drizzle-orm';
import { erasureScrubbers, type ErasureSubjectText } from '../../../domain/customers/erasure-scrub';
import { can } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { maskNumbersInText } from '../../app/response-masking';
import { openApproval, registerApprovalSubject, type ApprovalRow } from '../approvals/approvals.service';
import { recordAudit, redactAuditFor } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { customerErrors } from './customers.errors';
import { collectOverview, OVERVIEW_SECTIONS } from './customers.overview';
import { assembleRecords, findCustomerRow, type CustomerRecord } from './customers.repository';
import {
  assets,
  customerAccessLog,
  customerAddresses,
  customerChangeRequests,
  customerErasureRequests,
  customerPhones,
  customers,
  customerVersions,
} from './customers.table';
import { customerInScope } from './customers.usecases';

export const CUSTOMER_ERASURE_SUBJECT = 'customer_erasure';
/** What an erased customer is called from then on. */
export const ANONYMISED_NAME = '已删除个人信息的客户';
/** How many rows of each kind the export carries at most. */
const EXPORT_ROWS = 5000;

/** The caller handles personal-information requests at the customer's unit, else 403 (they may read it). */
async function requestable(deps: Deps, actor: Actor, id: string) {
  const row = await customerInScope(deps, actor, id);
  if (!can(actor.grants, 'customers.personal_data', row.unitPath))
    throw authErrors.forbidden({ permission: 'customers.personal_data' });
  return row;
}

/** The customer's personal details as the erasure's scrubbers need them (decision 0023). */
function subjectTextOf(record: CustomerRecord): ErasureSubjectText {
  return {
    name: record.customer.name,
    identityNumber: record.customer.identityNumber,
    phones: record.phones.map((p) => ({ normalized: p.normalized, display: p.display })),
    addresses: record.addresses.map((a) => a.address),
    // The room (house number) and the property-title number identify the owner as well.
    rooms: record.assets.filter((a) => a.kind === 'house').flatMap((a) => (a.number ? [a.number] : [])),
    otherValues: record.assets
      .flatMap((a) => [...(a.kind === 'house' ? [] : [a.number]), a.titleNumber])
      .filter((v): v is string => !!v),
  };
}

/** What an erasure knows of the customer, for handlers that look beyond the customer's own rows. */
export interface ErasureSubject {
  customerId: string;
  /** The customer's phones, canonical digits (orders written without a link are found by them). */
  phones: string[];
  /** Literal values whose presence marks another record as mentioning the customer. */
  probes: string[];
  /**
   * The scrubber for text found only by such a mention: the recorded values go, what others may
   * share (王先生, the community) stays. Numbers are masked as CUS-4 masks them.
   */
  mention: (text: string) => string;
  /**
   * Ids of other records found to be about the customer (an unlinked order matched by phone, the
   * erasure's own approval): handlers add to it, and the audit entries about those records are then
   * redacted as about the customer too.
   */
  aboutIds: Set<string>;
}

/**
 * The scrubbers for text about the customer (`about`: their own rows — address fragments, the room
 * however written, 王先生) and for text that merely mentions them (`mention`), each then masking
 * any mobile, landline or ID number left, as CUS-4 does.
 */
export function scrubbersFor(record: CustomerRecord) {
  const s = erasureScrubbers(subjectTextOf(record), ANONYMISED_NAME);
  return {
    about: (text: string) => maskNumbersInText(s.about(text)),
    mention: (text: string) => maskNumbersInText(s.mention(text)),
    probes: s.probes,
  };
}

/** Every string inside a JSON value passed through `scrub` (answers, snapshots). */
export function scrubJson(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, scrub));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, scrub)]));
  return value;
}

/**
 * A module's part of an erasure: anonymise what it holds of the customer, inside the transaction.
 * `scrub` is for the customer's own rows; rows found by a mention use `subject.mention`.
 */
export type ErasureHandler = (
  tx: Db,
  customerId: string,
  scrub: (text: string) => string,
  now: Date,
  subject: ErasureSubject,
) => Promise<number>;
const handlers = new Map<string, ErasureHandler>();

/** Other modules register how they anonymise their copies of a customer's details (called once at start). */
export function registerErasureHandler(name: string, fn: ErasureHandler): void {
  handlers.set(name, fn);
}

/** PIPL: everything Kefu holds about the customer, as one workbook; full numbers, so it is audited and logged. */
export async function exportPersonalData(deps: Deps, actor: Actor, id: string, reason: string) {
  const row = await requestable(deps, actor, id);
  const [record] = await assembleRecords(deps.db, [row]);
  const overview = await collectOverview(deps, actor, record!, EXPORT_ROWS, false);
  const versions = await deps.db.select().from(customerVersions).where(eq(customerVersions.customerId, id));
  const c = record!.customer;

  // exceljs is large; it loads on the first export, not at every start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: unknown[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of rows)
      ws.addRow(r.map((v) => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : v)));
    ws.columns.forEach((col) => (col.width = 24));
  };
  sheet(
    '客户资料 Customer',
    ['项目 Field', '内容 Value'],
    [
      ['姓名 Name', c.name],
      ['证件号 ID number', c.identityNumber],
      ['生日 Birthday', c.birthday],
      ['来源 Source', c.source],
      ['备注 Note', c.note],
      [
        '重点关注 Special attention',
        c.specialAttention ? `${c.specialAttentionReason ?? ''} ${c.specialAttentionNote ?? ''}` : '',
      ],
      ['建档时间 Created', c.createdAt.toISOString()],
      ['导出时间 Exported', deps.clock.now().toISOString()],
    ],
  );
  sheet(
    '电话 Phones',
    ['号码 Number', '类型 Kind', '标签 Label'],
    record!.phones.map((p) => [p.display, p.kind, p.label]),
  );
  sheet(
    '地址 Addresses',
    ['地址 Address', '标签 Label'],
    record!.addresses.map((a) => [a.address, a.label]),
  );
  sheet(
    '资产 Assets',
    [
      '类型 Kind',
      '名称 Name',
      '型号 Model',
      '编号/房号 Number',
      '购买日期 Purchased',
      '保修至 Warranty',
      '产权证号 Title number',
      '发证日期 Certificate',
    ],
    record!.assets.map((a) => [
      a.kind,
      a.name,
      a.model,
      a.number,
      a.purchaseDate,
      a.warrantyEnd,
      a.titleNumber,
      a.titleCertificateOn,
    ]),
  );
  sheet(
    '信息版本 Versions',
    ['时间 At', '方式 Kind', '原因 Reason', '内容 Snapshot'],
    versions.map((v) => [v.at.toISOString(), v.kind, v.reason, v.snapshot]),
  );
  const names: Record<string, string> = {
    orders: '订单 Orders',
    assets: '',
    tickets: '工单 Tickets',
    workOrders: '派工单 Work orders',
    contacts: '联系记录 Contacts',
    followUps: '回访 Follow-ups',
    surveys: '满意度调查 Surveys',
    membership: '积分 Points',
  };
  for (const name of OVERVIEW_SECTIONS) {
    if (name === 'assets') continue;
    const section = overview.sections[name];
    sheet(
      names[name]!,
      ['编号/标题 Title', '内容 Detail', '状态 State', '时间 At', '单位 Unit'],
      section.items.map((i) => [i.title, i.detail, i.state, i.at, i.unitName]),
    );
  }
  if (overview.member)
    sheet(
      '会员 Membership',
      ['会员号 Number', '等级 Level', '入会日期 Joined', '积分余额 Balance'],
      [
        [
          overview.member.memberNumber,
          overview.member.level,
          overview.member.joinedOn,
          overview.member.balance,
        ],
      ],
    );
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());

  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await tx.insert(customerAccessLog).values({
      at: now,
      lastAt: now,
      userId: actor.userId,
      kind: 'export',
      customerId: id,
      unitId: c.unitId,
      reason,
      rows: 1,
    });
    await recordAudit(tx, now, actor, {
      action: 'customer.data_exported',
      subjectType: 'customer',
      subjectId: id,
      unitId: c.unitId,
      after: { reason, sheets: wb.worksheets.map((w) => w.name) },
    });
  });
  return buffer;
}

type ErasureRow = typeof customerErasureRequests.$inferSelect;
function presentErasure(row: ErasureRow) {
  return {
    id: row.id,
    customerId: row.customerId,
    reason: row.reason,
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    erased: row.erased ?? null,
  };
}

/** PIPL: asks for the customer's personal information to be erased; the general manager approves. */
export async function requestErasure(deps: Deps, actor: Actor, id: string, reason: string) {
  const row = await requestable(deps, actor, id);
  if (row.customer.anonymisedAt) throw customerErrors.alreadyAnonymised();
  const now = deps.clock.now();
  const inserted = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(customerErasureRequests)
      .values({
        customerId: id,
        unitId: row.customer.unitId,
        reason,
        requestedBy: actor.userId,
        requestedAt: now,
        status: 'pending',
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw customerErrors.erasurePending();
    await recordAudit(tx, now, actor, {
      action: 'customer_erasure.requested',
      subjectType: CUSTOMER_ERASURE_SUBJECT,
      subjectId: created.id,
      unitId: row.customer.unitId,
      after: { customerId: id, reason },
    });
    await openApproval(deps, tx, actor, {
      subjectType: CUSTOMER_ERASURE_SUBJECT,
      subjectId: created.id,
      kind: 'customer_erasure',
      unitId: row.customer.unitId,
      title: `删除客户个人信息：${reason}`,
      amountFen: null,
    });
    return created;
  });
  return presentErasure(inserted);
}

/** The customer's erasure requests, newest first. */
export async function listErasures(deps: Deps, actor: Actor, id: string) {
  await requestable(deps, actor, id);
  const rows = await deps.db
    .select()
    .from(customerErasureRequests)
    .where(eq(customerErasureRequests.customerId, id));
  return { items: rows.sort((a, b) => +b.requestedAt - +a.requestedAt).map(presentErasure) };
}

/** Approved: the personal fields are anonymised everywhere, in the deciding transaction. */
async function erase(deps: Deps, tx: Db, request: ApprovalRow, actor: Actor) {
  const now = deps.clock.now();
  const [req] = await tx
    .select()
    .from(customerErasureRequests)
    .where(eq(customerErasureRequests.id, request.subjectId))
    .for('update');
  if (!req || req.status !== 'pending') return;
  const found = await findCustomerRow(tx, req.customerId);
  if (!found) return;
  const [record] = await assembleRecords(tx, [found]);
  const scrubbers = scrubbersFor(record!);
  const scrub = scrubbers.about;
  const subject: ErasureSubject = {
    customerId: req.customerId,
    phones: record!.phones.map((p) => p.normalized),
    probes: scrubbers.probes,
    mention: scrubbers.mention,
    aboutIds: new Set([req.customerId]),
  };
  const erased: Record<string, number> = { customers: 1 };
  await tx
    .update(customers)
    .set({
      name: ANONYMISED_NAME,
      identityNumber: null,
      birthday: null,
      note: null,
      specialAttention: false,
      specialAttentionReason: null,
      specialAttentionNote: null,
      specialAttentionSetBy: null,
      specialAttentionSetAt: null,
      anonymisedAt: now,
      updatedAt: now,
    })
    .where(eq(customers.id, req.customerId));
  erased.phones = (
    await tx.delete(customerPhones).where(eq(customerPhones.customerId, req.customerId)).returning()
  ).length;
  erased.addresses = (
    await tx.delete(customerAddresses).where(eq(customerAddresses.customerId, req.customerId)).returning()
  ).length;
  // The house, product or vehicle stays (warranty, service history); its identifying numbers go.
  erased.assets = (
    await tx
      .update(assets)
      .set({ number: null, titleNumber: null, note: null })
      .where(eq(assets.customerId, req.customerId))
      .returning()
  ).length;
  const blank = { name: ANONYMISED_NAME, identityNumber: null, phones: [], addresses: [], rooms: [] };
  erased.versions = (
    await tx
      .update(customerVersions)
      .set({ snapshot: blank, reason: null })
      .where(eq(customerVersions.customerId, req.customerId))
      .returning()
  ).length;
  erased.changeForms = (
    await tx
      .update(customerChangeRequests)
      .set({ changes: {}, reason: '（已删除）' })
      .where(eq(customerChangeRequests.customerId, req.customerId))
      .returning()
  ).length;
  for (const [name, fn] of handlers) erased[name] = await fn(tx, req.customerId, scrub, now, subject);
  // The append-only trail keeps its rows; their shown copies lose the personal data (decision 0023).
  erased.auditEntries = await redactAuditFor(
    tx,
    req.customerId,
    [...subject.aboutIds],
    scrubbers.probes,
    (value, about) => scrubJson(value, about ? scrub : scrubbers.mention),
    now,
  );
  const [after] = await tx
    .update(customerErasureRequests)
    .set({ status: 'erased', decidedAt: now, erased, reason: scrub(req.reason) })
    .where(eq(customerErasureRequests.id, req.id))
    .returning();
  await recordAudit(tx, now, actor, {
    action: 'customer.anonymised',
    subjectType: 'customer',
    subjectId: req.customerId,
    unitId: req.unitId,
    after: { erasureRequestId: req.id, erased, keptForLaw: ['orders', 'payments', 'points_ledger'] },
  });
  return after;
}

async function sendBack(deps: Deps, tx: Db, request: ApprovalRow, actor: Actor) {
  const now = deps.clock.now();
  const [after] = await tx
    .update(customerErasureRequests)
    .set({ status: 'sent_back', decidedAt: now })
    .where(eq(customerErasureRequests.id, request.subjectId))
    .returning();
  if (!after) return;
  await recordAudit(tx, now, actor, {
    action: 'customer_erasure.sent_back',
    subjectType: CUSTOMER_ERASURE_SUBJECT,
    subjectId: after.id,
    unitId: after.unitId,
    after: { customerId: after.customerId, status: after.status },
  });
}

/** The approval engine calls back when an erasure request is decided. */
export function registerCustomerErasureApproval(): void {
  registerApprovalSubject(CUSTOMER_ERASURE_SUBJECT, {
    onApproved: async (deps, tx, request, actor) => {
      await erase(deps, tx, request, actor);
    },
    onSentBack: (deps, tx, request, actor) => sendBack(deps, tx, request, actor),
  });
}
