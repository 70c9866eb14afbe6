import { and, eq, notInArray } from 'drizzle-orm';
import { normalizePhone, type NormalizedPhone } from '../../../domain/customers';
import type { Db } from '../../app/db';
import { customerErrors } from './customers.errors';
import type { CustomerRecord } from './customers.repository';
import type { UpdateCustomerInput } from './customers.schemas';
import { assets, customerAddresses, customerPhones } from './customers.table';

/** Writing a customer's phones, addresses and assets: shared by direct edits and change forms (CUS-2). */

/** Normalizes a number from a request body, or refuses it with `customers.invalid_phone` (400). */
export function parsePhone(number: string): NormalizedPhone {
  const result = normalizePhone(number);
  if (!result.ok) throw customerErrors.invalidPhone({ number, problem: result.problem });
  return { normalized: result.normalized, kind: result.kind, display: result.display };
}

function primaryFirst<T extends { isPrimary?: boolean | undefined }>(
  items: T[],
): (T & { isPrimary: boolean })[] {
  const primary = Math.max(
    0,
    items.findIndex((i) => i.isPrimary),
  );
  return items.map((i, index) => ({ ...i, isPrimary: index === primary }));
}

export async function replaceChildren(
  tx: Db,
  customerId: string,
  input: Pick<UpdateCustomerInput, 'phones' | 'addresses' | 'assets'>,
  existing: CustomerRecord,
): Promise<void> {
  const owned = (ids: (string | undefined)[], have: { id: string }[]) => {
    for (const id of ids)
      if (id && !have.some((h) => h.id === id)) throw customerErrors.childNotFound({ id });
    return ids.filter((id): id is string => !!id);
  };
  if (input.phones) {
    const phones = primaryFirst(input.phones);
    const keep = owned(
      phones.map((p) => p.id),
      existing.phones,
    );
    await tx
      .delete(customerPhones)
      .where(
        and(
          eq(customerPhones.customerId, customerId),
          keep.length ? notInArray(customerPhones.id, keep) : undefined,
        ),
      );
    for (const p of phones) {
      if (!p.id && !p.number) throw customerErrors.invalidPhone({ number: null, problem: 'empty' });
      const parsed = p.number ? parsePhone(p.number) : null;
      const values = { ...(parsed ?? {}), label: p.label ?? null, isPrimary: p.isPrimary };
      if (p.id) await tx.update(customerPhones).set(values).where(eq(customerPhones.id, p.id));
      else
        await tx
          .insert(customerPhones)
          .values({ customerId, ...parsed!, label: p.label ?? null, isPrimary: p.isPrimary });
    }
  }
  if (input.addresses) {
    const addresses = primaryFirst(input.addresses);
    const keep = owned(
      addresses.map((a) => a.id),
      existing.addresses,
    );
    await tx
      .delete(customerAddresses)
      .where(
        and(
          eq(customerAddresses.customerId, customerId),
          keep.length ? notInArray(customerAddresses.id, keep) : undefined,
        ),
      );
    for (const { id, ...a } of addresses) {
      const values = { label: a.label ?? null, address: a.address, isPrimary: a.isPrimary };
      if (id) await tx.update(customerAddresses).set(values).where(eq(customerAddresses.id, id));
      else await tx.insert(customerAddresses).values({ customerId, ...values });
    }
  }
  if (input.assets) {
    // Assets keep their ids across edits: tickets and work orders will point at them.
    const keep = owned(
      input.assets.map((a) => a.id),
      existing.assets,
    );
    await tx
      .delete(assets)
      .where(and(eq(assets.customerId, customerId), keep.length ? notInArray(assets.id, keep) : undefined));
    for (const { id, ...a } of input.assets) {
      const values = {
        kind: a.kind,
        name: a.name,
        model: a.model ?? null,
        number: a.number ?? null,
        purchaseDate: a.purchaseDate ?? null,
        warrantyEnd: a.warrantyEnd ?? null,
        serviceIntervalDays: a.serviceIntervalDays ?? null,
        note: a.note ?? null,
        // Left out of a body (an older form), the house's title fields stay as they are.
        ...(a.titleCertificateOn !== undefined ? { titleCertificateOn: a.titleCertificateOn } : {}),
        ...(a.titleNumber !== undefined ? { titleNumber: a.titleNumber } : {}),
      };
      if (id) await tx.update(assets).set(values).where(eq(assets.id, id));
      else await tx.insert(assets).values({ customerId, ...values });
    }
  }
}
