/**
 * CUS-2 changes with proof (客户信息变更登记表): identity-bearing fields — name, phones, addresses,
 * the ID number and the room numbers of the customer's houses — change only through a change form.
 * Other units (property company, regional sales, sales management) may submit one; customer service
 * verifies the customer against the record, records which proof it checked, and only then the
 * change applies. Every version of those fields is kept with who, when and why.
 */
import { and, count, desc, eq, inArray, max, type SQL } from 'drizzle-orm';
import { maskIdentityNumber, maskPhone, proofMatches } from '../../../domain/customers';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { assertCan, scopeOf, unitsWithin } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { parsePhone, replaceChildren } from './customers.children';
import { customerErrors } from './customers.errors';
import { presentCustomer } from './customers.presenter';
import { assembleRecords, findCustomerRow, type CustomerRecord } from './customers.repository';
import type { IdentityChanges, UpdateCustomerInput } from './customers.schemas';
import {
  assets,
  customerChangeRequests,
  customers,
  customerVersions,
  type IdentitySnapshot,
} from './customers.table';
import { can } from '../../../domain/permissions';
import type { CHANGE_STATUSES } from '../../../shared/customers';

type Field = 'name' | 'identityNumber' | 'phones' | 'addresses' | 'rooms';
type ProofKind = 'id_number' | 'phone' | 'room';

/** The identity-bearing fields of a record as a version keeps them. */
export function identityOf(r: CustomerRecord): IdentitySnapshot {
  return {
    name: r.customer.name,
    identityNumber: r.customer.identityNumber,
    phones: r.phones.map((p) => ({
      normalized: p.normalized,
      display: p.display,
      kind: p.kind,
      label: p.label,
    })),
    addresses: r.addresses.map((a) => ({ label: a.label, address: a.address })),
    rooms: r.assets
      .filter((a) => a.kind === 'house')
      .map((a) => ({ assetId: a.id, name: a.name, number: a.number })),
  };
}

/**
 * The identity-bearing fields a PATCH body would change on this record. Labels, the primary flag
 * and new assets are not identity; a phone or address kept by id with the same value is no change.
 */
export function identityFieldsChanged(before: CustomerRecord, input: UpdateCustomerInput): Field[] {
  const fields: Field[] = [];
  const c = before.customer;
  // Ids that are not this customer's are refused first, as replaceChildren would (404).
  for (const p of input.phones ?? [])
    if (p.id && !before.phones.some((b) => b.id === p.id)) throw customerErrors.childNotFound({ id: p.id });
  for (const a of input.addresses ?? [])
    if (a.id && !before.addresses.some((b) => b.id === a.id))
      throw customerErrors.childNotFound({ id: a.id });
  if (input.name !== undefined && input.name !== c.name) fields.push('name');
  if (input.identityNumber !== undefined && (input.identityNumber ?? null) !== c.identityNumber)
    fields.push('identityNumber');
  if (input.phones) {
    const kept = new Set(input.phones.map((p) => p.id).filter(Boolean));
    const changed =
      before.phones.some((p) => !kept.has(p.id)) ||
      input.phones.some((p) => {
        if (!p.id) return true;
        if (p.number === undefined) return false;
        const was = before.phones.find((b) => b.id === p.id);
        return !was || parsePhone(p.number).normalized !== was.normalized;
      });
    if (changed) fields.push('phones');
  }
  if (input.addresses) {
    const kept = new Set(input.addresses.map((a) => a.id).filter(Boolean));
    const changed =
      before.addresses.some((a) => !kept.has(a.id)) ||
      input.addresses.some(
        (a) => !a.id || before.addresses.find((b) => b.id === a.id)?.address !== a.address,
      );
    if (changed) fields.push('addresses');
  }
  if (input.assets) {
    const houses = before.assets.filter((a) => a.kind === 'house' && a.number !== null);
    const changed = houses.some((h) => {
      const next = input.assets!.find((a) => a.id === h.id);
      return !next || (next.number ?? null) !== h.number;
    });
    if (changed) fields.push('rooms');
  }
  return fields;
}

function fieldsOf(changes: IdentityChanges): Field[] {
  return (['name', 'identityNumber', 'phones', 'addresses', 'rooms'] as const).filter(
    (f) => changes[f] !== undefined,
  );
}

/** The record as it reads once `changes` apply (phones kept by id take their current number). */
function proposedOf(record: CustomerRecord, changes: IdentityChanges): IdentitySnapshot {
  const now = identityOf(record);
  return {
    name: changes.name ?? now.name,
    identityNumber:
      changes.identityNumber !== undefined ? (changes.identityNumber ?? null) : now.identityNumber,
    phones: changes.phones
      ? changes.phones.map((p) => {
          const was = record.phones.find((b) => b.id === p.id);
          const parsed = p.number ? parsePhone(p.number) : was!;
          return {
            normalized: parsed.normalized,
            display: parsed.display,
            kind: parsed.kind,
            label: p.label !== undefined ? (p.label ?? null) : (was?.label ?? null),
          };
        })
      : now.phones,
    addresses: changes.addresses
      ? changes.addresses.map((a) => ({ label: a.label ?? null, address: a.address }))
      : now.addresses,
    rooms: now.rooms.map((r) => {
      const next = changes.rooms?.find((x) => x.assetId === r.assetId);
      return next ? { ...r, number: next.number ?? null } : r;
    }),
  };
}

/** Refuses ids that are not this customer's (phones, addresses, houses): 404 customers.item_not_found. */
function checkOwnership(record: CustomerRecord, changes: IdentityChanges): void {
  const owns = (id: string | undefined, have: { id: string }[]) => {
    if (id && !have.some((h) => h.id === id)) throw customerErrors.childNotFound({ id });
  };
  for (const p of changes.phones ?? []) owns(p.id, record.phones);
  for (const a of changes.addresses ?? []) owns(a.id, record.addresses);
  const houses = record.assets.filter((a) => a.kind === 'house');
  for (const r of changes.rooms ?? []) owns(r.assetId, houses);
  for (const p of changes.phones ?? []) {
    if (!p.id && !p.number) throw customerErrors.invalidPhone({ number: null, problem: 'empty' });
    if (p.number) parsePhone(p.number);
  }
}

/**
 * Appends a version of the record's identity fields. A record that has none yet (kept before
 * versions existed) first gets its state before this change as version 1, "as first recorded".
 */
export async function appendVersion(
  tx: Db,
  now: Date,
  actor: Actor | null,
  before: CustomerRecord | null,
  after: CustomerRecord,
  kind: 'created' | 'change_form' | 'draft',
  reason: string | null,
  changeRequestId: string | null,
): Promise<number> {
  const customerId = after.customer.id;
  const [{ last }] = (await tx
    .select({ last: max(customerVersions.version) })
    .from(customerVersions)
    .where(eq(customerVersions.customerId, customerId))) as [{ last: number | null }];
  let version = last ?? 0;
  if (version === 0 && before) {
    version = 1;
    await tx.insert(customerVersions).values({
      customerId,
      version,
      at: before.customer.createdAt,
      by: before.customer.createdBy,
      kind: 'created',
      reason: null,
      snapshot: identityOf(before),
    });
  }
  version += 1;
  await tx.insert(customerVersions).values({
    customerId,
    version,
    at: now,
    by: actor?.userId ?? null,
    kind,
    reason,
    changeRequestId,
    snapshot: identityOf(after),
  });
  return version;
}

async function loadRecord(db: Db, id: string): Promise<CustomerRecord> {
  const row = await findCustomerRow(db, id);
  if (!row) throw customerErrors.notFound();
  const [record] = await assembleRecords(db, [row]);
  return record!;
}

/** POST /customers/:id/changes: a unit fills in the change form; nothing changes until verified. */
export async function submitChange(
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: {
    source: (typeof customerChangeRequests.$inferInsert)['source'];
    reason: string;
    changes: IdentityChanges;
  },
) {
  const record = await loadRecord(deps.db, customerId);
  assertCan(actor, 'customers.change.submit', record.unitPath, customerErrors.notFound);
  const fields = fieldsOf(input.changes);
  if (fields.length === 0) throw customerErrors.changeEmpty();
  checkOwnership(record, input.changes);
  const now = deps.clock.now();
  const id = crypto.randomUUID();
  await deps.db.transaction(async (tx) => {
    await tx.insert(customerChangeRequests).values({
      id,
      customerId,
      source: input.source,
      submittedBy: actor.userId,
      submittedAt: now,
      reason: input.reason,
      changes: input.changes,
      status: 'submitted',
    });
    await recordAudit(tx, now, actor, {
      action: 'customer.change_submitted',
      subjectType: 'customer',
      subjectId: customerId,
      unitId: record.customer.unitId,
      // The trail names the fields, never the numbers proposed.
      after: { changeRequestId: id, source: input.source, reason: input.reason, fields },
    });
  });
  return getChange(deps, actor, customerId, id);
}

async function openChange(tx: Db, customerId: string, changeId: string) {
  const [row] = await tx
    .select()
    .from(customerChangeRequests)
    .where(and(eq(customerChangeRequests.id, changeId), eq(customerChangeRequests.customerId, customerId)))
    .for('update');
  if (!row) throw customerErrors.changeNotFound();
  if (row.status === 'stale') throw customerErrors.changeStale();
  if (row.status !== 'submitted') throw customerErrors.changeNotOpen({ status: row.status });
  return row;
}

/**
 * POST /customers/:id/changes/:changeId/apply: customer service gives what the customer stated for
 * each proof it checked; every one must match the record, then the form applies in one transaction
 * and a new version is written. The proofs' values are never stored, only their kinds.
 */
export async function applyChange(
  deps: Deps,
  actor: Actor,
  customerId: string,
  changeId: string,
  input: { proofs: { kind: ProofKind; value: string }[]; note?: string | null | undefined },
) {
  const found = await findCustomerRow(deps.db, customerId);
  if (!found) throw customerErrors.notFound();
  assertCan(actor, 'customers.change.verify', found.unitPath, customerErrors.notFound);
  if (input.proofs.length === 0) throw customerErrors.changeProofRequired();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('update');
    const request = await openChange(tx, customerId, changeId);
    const before = await loadRecord(tx, customerId);
    const onFile = {
      identityNumber: before.customer.identityNumber,
      phones: before.phones.map((p) => p.normalized),
      rooms: before.assets.filter((a) => a.kind === 'house').map((a) => a.number),
    };
    for (const proof of input.proofs)
      if (!proofMatches(proof.kind, proof.value, onFile))
        throw customerErrors.changeProofMismatch({ kind: proof.kind });
    const changes = request.changes as IdentityChanges;
    checkOwnership(before, changes);
    await tx
      .update(customers)
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.identityNumber !== undefined ? { identityNumber: changes.identityNumber ?? null } : {}),
        updatedAt: now,
      })
      .where(eq(customers.id, customerId));
    await replaceChildren(tx, customerId, { phones: changes.phones, addresses: changes.addresses }, before);
    for (const room of changes.rooms ?? [])
      await tx
        .update(assets)
        .set({ number: room.number ?? null })
        .where(and(eq(assets.id, room.assetId), eq(assets.customerId, customerId)));
    const after = await loadRecord(tx, customerId);
    const proofs = [...new Set(input.proofs.map((p) => p.kind))];
    const version = await appendVersion(
      tx,
      now,
      actor,
      before,
      after,
      'change_form',
      request.reason,
      changeId,
    );
    await tx
      .update(customerChangeRequests)
      .set({
        status: 'applied',
        decidedBy: actor.userId,
        decidedAt: now,
        proofs,
        decisionNote: input.note ?? null,
        version,
      })
      .where(eq(customerChangeRequests.id, changeId));
    // CUS-2: another waiting form that changes one of the same fields was written against the
    // record before this change; applying it later would silently undo this one. It goes stale and
    // its unit fills in a new form. Forms about other fields stay waiting (fields apply separately).
    const applied = new Set(fieldsOf(changes));
    const waiting = await tx
      .select()
      .from(customerChangeRequests)
      .where(
        and(
          eq(customerChangeRequests.customerId, customerId),
          eq(customerChangeRequests.status, 'submitted'),
        ),
      );
    const stale = waiting
      .filter((w) => fieldsOf(w.changes as IdentityChanges).some((f) => applied.has(f)))
      .map((w) => w.id);
    if (stale.length > 0)
      await tx
        .update(customerChangeRequests)
        .set({
          status: 'stale',
          decidedBy: actor.userId,
          decidedAt: now,
          decisionNote: `已被另一份变更登记表取代 · Superseded by change form ${changeId}`,
        })
        .where(inArray(customerChangeRequests.id, stale));
    await recordAudit(tx, now, actor, {
      action: 'customer.change_applied',
      subjectType: 'customer',
      subjectId: customerId,
      unitId: before.customer.unitId,
      before: presentCustomer(before, true),
      after: {
        ...presentCustomer(after, true),
        changeRequestId: changeId,
        proofs,
        version,
        staleChangeRequestIds: stale,
      },
    });
  });
  return getChange(deps, actor, customerId, changeId);
}

/** POST /customers/:id/changes/:changeId/reject: the form is turned down with a note; nothing changes. */
export async function rejectChange(
  deps: Deps,
  actor: Actor,
  customerId: string,
  changeId: string,
  note: string,
) {
  const found = await findCustomerRow(deps.db, customerId);
  if (!found) throw customerErrors.notFound();
  assertCan(actor, 'customers.change.verify', found.unitPath, customerErrors.notFound);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await openChange(tx, customerId, changeId);
    await tx
      .update(customerChangeRequests)
      .set({ status: 'rejected', decidedBy: actor.userId, decidedAt: now, decisionNote: note })
      .where(eq(customerChangeRequests.id, changeId));
    await recordAudit(tx, now, actor, {
      action: 'customer.change_refused',
      subjectType: 'customer',
      subjectId: customerId,
      unitId: found.customer.unitId,
      after: { changeRequestId: changeId, note },
    });
  });
  return getChange(deps, actor, customerId, changeId);
}

function presentIdentity(s: IdentitySnapshot, masked: boolean) {
  return {
    name: s.name,
    identityNumber: s.identityNumber && masked ? maskIdentityNumber(s.identityNumber) : s.identityNumber,
    phones: s.phones.map((p) => ({
      number: masked ? maskPhone(p.normalized) : p.display,
      kind: p.kind,
      label: p.label,
    })),
    addresses: s.addresses,
    rooms: s.rooms,
  };
}

async function names(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const person = (map: Map<string, string>, id: string | null) =>
  id ? { id, displayName: map.get(id) ?? '' } : null;

async function presentChanges(
  deps: Deps,
  actor: Actor,
  rows: (typeof customerChangeRequests.$inferSelect)[],
) {
  const people = await names(
    deps.db,
    rows.flatMap((r) => [r.submittedBy, r.decidedBy]),
  );
  const records = new Map<string, CustomerRecord>();
  for (const id of new Set(rows.map((r) => r.customerId))) records.set(id, await loadRecord(deps.db, id));
  return rows.map((r) => {
    const record = records.get(r.customerId)!;
    const masked = !can(actor.grants, 'customers.phone.unmask', record.unitPath);
    const changes = r.changes as IdentityChanges;
    let proposed: IdentitySnapshot;
    try {
      proposed = proposedOf(record, changes);
    } catch {
      // A phone kept by id was removed since: show the record as it is.
      proposed = identityOf(record);
    }
    return {
      id: r.id,
      customerId: r.customerId,
      customerName: record.customer.name,
      source: r.source,
      reason: r.reason,
      status: r.status,
      submittedBy: person(people, r.submittedBy),
      submittedAt: r.submittedAt.toISOString(),
      proposed: presentIdentity(proposed, masked),
      fields: fieldsOf(changes),
      decidedBy: person(people, r.decidedBy),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      proofs: (r.proofs as ProofKind[] | null) ?? null,
      decisionNote: r.decisionNote,
      version: r.version,
    };
  });
}

export async function getChange(deps: Deps, actor: Actor, customerId: string, changeId: string) {
  const found = await findCustomerRow(deps.db, customerId);
  if (!found) throw customerErrors.notFound();
  assertCan(actor, 'customers.read', found.unitPath, customerErrors.notFound);
  const [row] = await deps.db
    .select()
    .from(customerChangeRequests)
    .where(and(eq(customerChangeRequests.id, changeId), eq(customerChangeRequests.customerId, customerId)));
  if (!row) throw customerErrors.changeNotFound();
  const [shown] = await presentChanges(deps, actor, [row]);
  return shown!;
}

/** GET /customers/:id/changes: the record's change forms, newest first. */
export async function listChanges(deps: Deps, actor: Actor, customerId: string) {
  const found = await findCustomerRow(deps.db, customerId);
  if (!found) throw customerErrors.notFound();
  assertCan(actor, 'customers.read', found.unitPath, customerErrors.notFound);
  const rows = await deps.db
    .select()
    .from(customerChangeRequests)
    .where(eq(customerChangeRequests.customerId, customerId))
    .orderBy(desc(customerChangeRequests.submittedAt));
  return { items: await presentChanges(deps, actor, rows), total: rows.length };
}

/** GET /customers/changes: change forms of the customers the caller verifies, waiting ones first. */
export async function changeQueue(
  deps: Deps,
  actor: Actor,
  query: { status?: (typeof CHANGE_STATUSES)[number] | undefined; page: number; pageSize: number },
) {
  const roots = scopeOf(actor, 'customers.change.verify');
  if (roots.length === 0) return { items: [], total: 0 };
  const where: SQL[] = [
    inArray(
      customers.unitId,
      deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(unitsWithin(roots)),
    ),
  ];
  if (query.status) where.push(eq(customerChangeRequests.status, query.status));
  const base = deps.db
    .select({ row: customerChangeRequests })
    .from(customerChangeRequests)
    .innerJoin(customers, eq(customers.id, customerChangeRequests.customerId));
  const rows = await base
    .where(and(...where))
    .orderBy(desc(customerChangeRequests.submittedAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total }] = (await deps.db
    .select({ total: count() })
    .from(customerChangeRequests)
    .innerJoin(customers, eq(customers.id, customerChangeRequests.customerId))
    .where(and(...where))) as [{ total: number }];
  return {
    items: await presentChanges(
      deps,
      actor,
      rows.map((r) => r.row),
    ),
    total,
  };
}

/** GET /customers/:id/versions: every version of the identity fields, newest first (CUS-2). */
export async function listVersions(deps: Deps, actor: Actor, customerId: string) {
  const found = await findCustomerRow(deps.db, customerId);
  if (!found) throw customerErrors.notFound();
  assertCan(actor, 'customers.read', found.unitPath, customerErrors.notFound);
  const masked = !can(actor.grants, 'customers.phone.unmask', found.unitPath);
  const rows = await deps.db
    .select({
      v: customerVersions,
      source: customerChangeRequests.source,
      proofs: customerChangeRequests.proofs,
    })
    .from(customerVersions)
    .leftJoin(customerChangeRequests, eq(customerChangeRequests.id, customerVersions.changeRequestId))
    .where(eq(customerVersions.customerId, customerId))
    .orderBy(desc(customerVersions.version));
  const people = await names(
    deps.db,
    rows.map((r) => r.v.by),
  );
  return {
    items: rows.map(({ v, source, proofs }) => ({
      version: v.version,
      at: v.at.toISOString(),
      by: person(people, v.by),
      kind: v.kind,
      reason: v.reason,
      changeRequestId: v.changeRequestId,
      source: source ?? null,
      proofs: (proofs as ProofKind[] | null) ?? null,
      snapshot: presentIdentity(v.snapshot, masked),
    })),
  };
}
