import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { organisationUnits } from '../org/org.table';
import { unitsWithin } from '../org/org.service';
import { assets, customerAddresses, customerPhones, customers } from './customers.table';

export type CustomerRow = typeof customers.$inferSelect;
export type PhoneRow = typeof customerPhones.$inferSelect;
export type AddressRow = typeof customerAddresses.$inferSelect;
export type AssetRow = typeof assets.$inferSelect;

/** A customer with everything shown on the record, and the owning unit's path for scoping (ORG-1). */
export interface CustomerRecord {
  customer: CustomerRow;
  unitPath: string[];
  phones: PhoneRow[];
  addresses: AddressRow[];
  assets: AssetRow[];
}

// The unit path lives in the organisation table; no org helper joins it to another record.
const withUnitPath = { customer: customers, unitPath: organisationUnits.path };

/** The customer row and its unit path, or undefined. */
export async function findCustomerRow(
  db: Db,
  id: string,
): Promise<{ customer: CustomerRow; unitPath: string[] } | undefined> {
  const [row] = await db
    .select(withUnitPath)
    .from(customers)
    .innerJoin(organisationUnits, eq(organisationUnits.id, customers.unitId))
    .where(eq(customers.id, id));
  return row;
}

/** Phones, addresses and assets of several customers at once (lists and cards). */
export async function loadChildren(db: Db, ids: string[]) {
  if (ids.length === 0) return { phones: [], addresses: [], assets: [] };
  // Also called inside transactions (one connection), so the three reads run one after another.
  const phones = await db
    .select()
    .from(customerPhones)
    .where(inArray(customerPhones.customerId, ids))
    .orderBy(desc(customerPhones.isPrimary), asc(customerPhones.display));
  const addresses = await db
    .select()
    .from(customerAddresses)
    .where(inArray(customerAddresses.customerId, ids))
    .orderBy(desc(customerAddresses.isPrimary), asc(customerAddresses.address));
  const owned = await db
    .select()
    .from(assets)
    .where(inArray(assets.customerId, ids))
    .orderBy(asc(assets.kind), asc(assets.name));

  return { phones, addresses, assets: owned };
}

/** Full records for customer rows, keeping their order. */
export async function assembleRecords(
  db: Db,
  rows: { customer: CustomerRow; unitPath: string[] }[],
): Promise<CustomerRecord[]> {
  const children = await loadChildren(
    db,
    rows.map((r) => r.customer.id),
  );
  return rows.map(({ customer, unitPath }) => ({
    customer,
    unitPath,
    phones: children.phones.filter((p) => p.customerId === customer.id),
    addresses: children.addresses.filter((a) => a.customerId === customer.id),
    assets: children.assets.filter((a) => a.customerId === customer.id),
  }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface CustomerSearch {
  roots: string[];
  /** Name substring. */
  name?: string | undefined;
  /** Digits that must appear in one of the customer's normalized phones. */
  phoneDigits?: string | undefined;
  /** Exact normalized number (caller identification). */
  exactPhone?: string | undefined;
  unitId?: string | undefined;
  specialAttention?: boolean | undefined;
  draft?: boolean | undefined;
  limit: number;
  offset: number;
}

/** Customers within the scope roots matching the filters, newest change first, with the total. */
export async function searchCustomers(db: Db, q: CustomerSearch) {
  const conditions: (SQL | undefined)[] = [unitsWithin(q.roots)];
  if (q.name) conditions.push(ilike(customers.name, `%${escapeLike(q.name)}%`));
  if (q.phoneDigits) {
    conditions.push(
      sql`exists (select 1 from ${customerPhones} where ${customerPhones.customerId} = ${customers.id} and ${customerPhones.normalized} like ${`%${escapeLike(q.phoneDigits)}%`})`,
    );
  }
  if (q.exactPhone) {
    conditions.push(
      sql`exists (select 1 from ${customerPhones} where ${customerPhones.customerId} = ${customers.id} and ${customerPhones.normalized} = ${q.exactPhone})`,
    );
  }
  if (q.unitId) conditions.push(sql`${organisationUnits.path} @> array[${q.unitId}]::uuid[]`);
  if (q.specialAttention !== undefined) conditions.push(eq(customers.specialAttention, q.specialAttention));
  if (q.draft !== undefined) conditions.push(eq(customers.draft, q.draft));
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select(withUnitPath)
      .from(customers)
      .innerJoin(organisationUnits, eq(organisationUnits.id, customers.unitId))
      .where(where)
      .orderBy(desc(customers.updatedAt), asc(customers.id))
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(customers)
      .innerJoin(organisationUnits, eq(organisationUnits.id, customers.unitId))
      .where(where),
  ]);
  return { rows, total: Number(count?.total ?? 0) };
}

/** Name and special-attention flag (CUS-6) of customers by id, for other modules' lists. */
export async function customerSummaries(
  db: Db,
  ids: (string | null)[],
): Promise<Map<string, { id: string; name: string; specialAttention: boolean }>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: customers.id, name: customers.name, specialAttention: customers.specialAttention })
    .from(customers)
    .where(inArray(customers.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Names of customers by id, for other modules' lists. */
export async function customerNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(inArray(customers.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
