import { eq } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import { phoneSearchDigits } from '../../../domain/customers';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { assertCan, scopeOf, findUnit } from '../org/org.service';
import { customerErrors } from './customers.errors';
import { parsePhone, replaceChildren } from './customers.children';
import { appendVersion, identityFieldsChanged } from './customers.changes';
import { logUnmask, logView } from './customers.access';
import { presentAsset, presentCustomer, presentPhone, presentSpecialAttention } from './customers.presenter';
import {
  assembleRecords,
  findCustomerRow,
  searchCustomers,
  type CustomerRecord,
  type CustomerRow,
} from './customers.repository';
import type { CreateCustomerInput, UpdateCustomerInput } from './customers.schemas';
import { customers } from './customers.table';

export { parsePhone };

/** CUS-4: full numbers only for holders of customers.phone.unmask at the customer's unit. */
export function seesFullNumbers(actor: Actor, unitPath: readonly string[]): boolean {
  return can(actor.grants, 'customers.phone.unmask', unitPath);
}

/** The customer with its unit path, 404 unless the caller holds `permission` at its unit (ORG-1). */
export async function customerInScope(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: 'customers.read' | 'customers.manage' = 'customers.read',
): Promise<{ customer: CustomerRow; unitPath: string[] }> {
  const row = await findCustomerRow(deps.db, id);
  if (!row) throw customerErrors.notFound();
  assertCan(actor, permission, row.unitPath, customerErrors.notFound);
  return row;
}

export async function getCustomer(deps: Deps, actor: Actor, id: string): Promise<CustomerRecord> {
  const row = await customerInScope(deps, actor, id);
  const [record] = await assembleRecords(deps.db, [row]);
  return record!;
}

/** Lists and searches customers: `q` of digits finds any phone containing them, else names (ILIKE). */
export async function listCustomers(
  deps: Deps,
  actor: Actor,
  query: {
    q?: string | undefined;
    unitId?: string | undefined;
    specialAttention?: boolean;
    draft?: boolean;
    page: number;
    pageSize: number;
  },
) {
  const roots = scopeOf(actor, 'customers.read');
  if (query.unitId) {
    const unit = await findUnit(deps.db, query.unitId);
    if (!unit) throw customerErrors.unitNotFound();
    assertCan(actor, 'customers.read', unit.path, customerErrors.unitNotFound);
  }
  const q = query.q?.trim() ?? '';
  const digits = q === '' ? null : phoneSearchDigits(q);
  if (digits !== null && digits.length < 4) throw customerErrors.phoneQueryTooShort({ q });
  const { rows, total } = await searchCustomers(deps.db, {
    roots,
    name: digits === null && q !== '' ? q : undefined,
    phoneDigits: digits ?? undefined,
    unitId: query.unitId,
    specialAttention: query.specialAttention,
    draft: query.draft,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: await assembleRecords(deps.db, rows), total };
}

/** IN-3: customers the actor may read whose phone is exactly this normalized number. */
export async function findCustomersByPhone(
  deps: Deps,
  actor: Actor,
  normalized: string,
  limit = 5,
): Promise<CustomerRecord[]> {
  const roots = scopeOf(actor, 'customers.read');
  const { rows } = await searchCustomers(deps.db, { roots, exactPhone: normalized, limit, offset: 0 });
  return assembleRecords(deps.db, rows);
}

/** Audit snapshots never hold full numbers: the trail is readable by more people than the archive. */
function auditView(record: CustomerRecord) {
  return presentCustomer(record, true);
}

/** CUS-6 / CMP-7: the flag's columns for a body's `specialAttention` (undefined leaves it as it is). */
function specialAttentionColumns(
  actor: Actor,
  now: Date,
  input: UpdateCustomerInput['specialAttention'],
  before?: CustomerRow,
) {
  if (input === undefined) return {};
  if (input === null) {
    return {
      specialAttention: false,
      specialAttentionReason: null,
      specialAttentionNote: null,
      specialAttentionSetBy: null,
      specialAttentionSetAt: null,
    };
  }
  const unchanged =
    before?.specialAttention &&
    before.specialAttentionReason === input.reason &&
    before.specialAttentionNote === (input.note ?? null);
  if (unchanged) return {};
  return {
    specialAttention: true,
    specialAttentionReason: input.reason,
    specialAttentionNote: input.note ?? null,
    specialAttentionSetBy: actor.userId,
    specialAttentionSetAt: now,
  };
}

/** Creates a customer with phones, addresses and assets in one go (CUS-1). */
export async function createCustomer(
  deps: Deps,
  actor: Actor,
  input: CreateCustomerInput,
): Promise<CustomerRecord> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw customerErrors.unitNotFound();
  assertCan(actor, 'customers.manage', unit.path, customerErrors.unitNotFound);
  // Refuse a bad number before anything is written.
  for (const p of input.phones ?? []) parsePhone(p.number ?? '');
  const now = deps.clock.now();
  const id = crypto.randomUUID();
  await deps.db.transaction(async (tx) => {
    await tx.insert(customers).values({
      id,
      unitId: unit.id,
      name: input.name,
      birthday: input.birthday ?? null,
      source: input.source ?? null,
      identityNumber: input.identityNumber ?? null,
      note: input.note ?? null,
      draft: input.draft ?? false,
      ...specialAttentionColumns(actor, now, input.specialAttention),
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const empty: CustomerRecord = {
      customer: {} as CustomerRow,
      unitPath: unit.path,
      phones: [],
      addresses: [],
      assets: [],
    };
    await replaceChildren(tx, id, input, empty);
    const [after] = await assembleRecords(tx, [(await findCustomerRow(tx, id))!]);
    await appendVersion(tx, now, actor, null, after!, 'created', null, null);
    await recordAudit(tx, now, actor, {
      action: 'customer.created',
      subjectType: 'customer',
      subjectId: id,
      unitId: unit.id,
      after: auditView(after!),
    });
  });
  return getCustomer(deps, actor, id);
}

/** Changes a customer; lists given in the body replace the current ones (items with `id` are kept). */
export async function updateCustomer(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateCustomerInput,
): Promise<CustomerRecord> {
  const row = await customerInScope(deps, actor, id, 'customers.manage');
  const [before] = await assembleRecords(deps.db, [row]);
  // CUS-2: identity-bearing fields change through a verified change form, except on a draft taken
  // down during a call (IN-3), which the agent completes directly.
  const identityFields = identityFieldsChanged(before!, input);
  if (identityFields.length > 0 && !row.customer.draft)
    throw customerErrors.identityChangeNeedsForm({ fields: identityFields });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(customers)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.birthday !== undefined ? { birthday: input.birthday } : {}),
        ...(input.source !== undefined ? { source: input.source } : {}),
        ...(input.identityNumber !== undefined ? { identityNumber: input.identityNumber } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.draft !== undefined ? { draft: input.draft } : {}),
        ...specialAttentionColumns(actor, now, input.specialAttention, row.customer),
        updatedAt: now,
      })
      .where(eq(customers.id, id));
    await replaceChildren(tx, id, input, before!);
    const [after] = await assembleRecords(tx, [(await findCustomerRow(tx, id))!]);
    if (identityFields.length > 0) await appendVersion(tx, now, actor, before!, after!, 'draft', null, null);
    await recordAudit(tx, now, actor, {
      action: 'customer.updated',
      subjectType: 'customer',
      subjectId: id,
      unitId: row.customer.unitId,
      before: auditView(before!),
      after: auditView(after!),
    });
  });
  return getCustomer(deps, actor, id);
}

/** CUS-4 / CUS-3: the full numbers, for a stated reason that goes to the audit trail with the viewer. */
export async function unmaskCustomer(deps: Deps, actor: Actor, id: string, reason: string) {
  const row = await customerInScope(deps, actor, id);
  // The caller may read the record, so refusing plainly (403) tells them nothing new.
  if (!seesFullNumbers(actor, row.unitPath))
    throw authErrors.forbidden({ permission: 'customers.phone.unmask' });
  return revealNumbers(deps, actor, row, reason, null);
}

/**
 * The caller of a follow-up (回访, CARE-5) must dial the customer: the care module, having checked
 * that the person works that task (care.work at the task's unit), reveals the phone numbers for a
 * stated reason through the same audited path as CUS-4's 查看完整号码, the task named beside the
 * reason. The ID number stays hidden: a call needs the phone only.
 */
export async function revealNumbersForFollowUp(
  deps: Deps,
  actor: Actor,
  customerId: string,
  reason: string,
  careTaskId: string,
) {
  const row = await findCustomerRow(deps.db, customerId);
  if (!row) throw customerErrors.notFound();
  const shown = await revealNumbers(deps, actor, row, reason, careTaskId);
  return { ...shown, identityNumber: null };
}

async function revealNumbers(
  deps: Deps,
  actor: Actor,
  row: NonNullable<Awaited<ReturnType<typeof findCustomerRow>>>,
  reason: string,
  careTaskId: string | null,
) {
  const id = row.customer.id;
  const [record] = await assembleRecords(deps.db, [row]);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await logUnmask(tx, now, actor, id, row.customer.unitId, reason);
    await recordAudit(tx, now, actor, {
      action: 'customer.numbers_unmasked',
      subjectType: 'customer',
      subjectId: id,
      unitId: row.customer.unitId,
      after: {
        reason,
        phoneIds: record!.phones.map((p) => p.id),
        identityNumber: careTaskId === null && row.customer.identityNumber !== null,
        ...(careTaskId ? { careTaskId } : {}),
      },
    });
  });
  return {
    id,
    identityNumber: row.customer.identityNumber,
    phones: record!.phones.map((p) => ({
      id: p.id,
      number: p.display,
      normalized: p.normalized,
      label: p.label,
    })),
  };
}

/**
 * The caller pop-up card (IN-3): what an agent sees before answering. Other modules add sections
 * (the contact log its last 5 contacts, tickets the open tickets) through `registerCardSection`,
 * so the customer archive never imports them.
 */
export type CardSection = (deps: Deps, actor: Actor, customerId: string) => Promise<unknown>;

const sections = new Map<string, CardSection>();

/** Adds (or replaces) a named section of the customer card; called once when a module loads. */
export function registerCardSection(name: string, fn: CardSection): void {
  sections.set(name, fn);
}

/** The card for a customer record already loaded and scope-checked. */
export async function cardOf(deps: Deps, actor: Actor, record: CustomerRecord) {
  const masked = !seesFullNumbers(actor, record.unitPath);
  const filled = await Promise.all(
    [...sections].map(async ([name, fn]) => {
      try {
        return [name, await fn(deps, actor, record.customer.id)] as const;
      } catch (err) {
        // One failing section must not hide the card from an agent with a caller on the line.
        deps.logger.error({ err, section: name }, 'customer card section failed');
        return [name, null] as const;
      }
    }),
  );
  const bySection = Object.fromEntries(filled);
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const c = record.customer;
  return {
    id: c.id,
    unitId: c.unitId,
    name: c.name,
    draft: c.draft,
    specialAttention: presentSpecialAttention(c),
    phones: record.phones.map((p) => presentPhone(p, masked)),
    assets: record.assets.map(presentAsset),
    lastContacts: list(bySection.lastContacts),
    openTickets: list(bySection.openTickets),
    sections: bySection,
  };
}

/** GET /customers/:id/card: the card, the view written to the access log (CUS-3). */
export async function customerCard(deps: Deps, actor: Actor, id: string) {
  const record = await getCustomer(deps, actor, id);
  await logView(deps, actor, id, record.customer.unitId, 'card');
  return cardOf(deps, actor, record);
}

/** GET /customers/:id: the record, the view written to the access log (CUS-3). */
export async function viewCustomer(deps: Deps, actor: Actor, id: string): Promise<CustomerRecord> {
  const record = await getCustomer(deps, actor, id);
  await logView(deps, actor, id, record.customer.unitId, 'view');
  return record;
}
