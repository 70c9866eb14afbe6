/**
 * Many customers written at once (CUS-5 imports): the customers, their phones and addresses in one
 * statement each, one array per column (bulk-insert), in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { NormalizedPhone } from '../../../domain/customers';
import { insertRows, StatementParams } from '../../app/bulk-insert';
import { executePrepared, type Db } from '../../app/db';
import { assets, customerAddresses, customerPhones, customers } from './customers.table';

export interface BulkCustomer {
  unitId: string;
  name: string;
  phones: NormalizedPhone[];
  address: string | null;
  identityNumber: string | null;
  birthday: string | null;
  source: string | null;
  note: string | null;
}

/** Inserts the customers (the first phone primary) and answers their new ids, in input order. */
export async function insertCustomersBulk(
  tx: Db,
  now: Date,
  createdBy: string,
  list: readonly BulkCustomer[],
): Promise<string[]> {
  if (list.length === 0) return [];
  const ids = list.map(() => randomUUID());
  const rows = list.map((c, i) => ({
    id: ids[i]!,
    unitId: c.unitId,
    name: c.name,
    birthday: c.birthday,
    source: c.source,
    identityNumber: c.identityNumber,
    specialAttention: false,
    note: c.note,
    draft: false,
    createdBy,
    createdAt: now,
    updatedAt: now,
  }));
  const phones = list.flatMap((c, i) =>
    c.phones.map((p, n) => ({
      id: randomUUID(),
      customerId: ids[i]!,
      normalized: p.normalized,
      kind: p.kind,
      display: p.display,
      label: null,
      isPrimary: n === 0,
    })),
  );
  const addresses = list.flatMap((c, i) =>
    c.address === null
      ? []
      : [{ id: randomUUID(), customerId: ids[i]!, label: null, address: c.address, isPrimary: true }],
  );
  for (const [table, values] of [
    [customers, rows],
    [customerPhones, phones],
    [customerAddresses, addresses],
  ] as const) {
    if (values.length === 0) continue;
    const params = new StatementParams();
    await executePrepared(tx, insertRows(table, values as never, params), params.values);
  }
  return ids;
}

export type BulkAsset = Omit<typeof assets.$inferInsert, 'id'>;

/** Inserts assets of existing customers in one statement. */
export async function insertAssetsBulk(tx: Db, list: readonly BulkAsset[]): Promise<void> {
  if (list.length === 0) return;
  const params = new StatementParams();
  const rows = list.map((a) => ({
    id: randomUUID(),
    customerId: a.customerId,
    kind: a.kind,
    name: a.name,
    model: a.model ?? null,
    number: a.number ?? null,
    purchaseDate: a.purchaseDate ?? null,
    warrantyEnd: a.warrantyEnd ?? null,
    serviceIntervalDays: a.serviceIntervalDays ?? null,
    note: a.note ?? null,
  }));
  await executePrepared(tx, insertRows(assets, rows, params), params.values);
}
