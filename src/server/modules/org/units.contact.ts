/**
 * What a customer reads as the company behind a form or page: the display name, address and service
 * phone of the store or company that serves them. A department is never shown to a customer: the
 * nearest store, region or headquarters above it speaks for it. Each field left empty is taken from
 * the nearest unit above that has it, so a store without its own phone gives the company's.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { findUnit, type UnitRow } from './org.repository';
import { organisationUnits } from './org.table';

export interface UnitContact {
  /** The unit that speaks to the customer (a store or company, never a department). */
  unitId: string;
  name: string;
  address: string | null;
  servicePhone: string | null;
}

const filled = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** The customer-facing contact of `unit` (a row or an id), with inheritance up the tree. */
export async function unitContact(db: Db, unit: UnitRow | string): Promise<UnitContact | null> {
  const row = typeof unit === 'string' ? await findUnit(db, unit) : unit;
  if (!row) return null;
  const line = await db.select().from(organisationUnits).where(inArray(organisationUnits.id, row.path));
  const byId = new Map(line.map((u) => [u.id, u]));
  // Nearest first: the unit itself, then its parent, up to the root.
  const upward = [...row.path].reverse().flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const facing = upward.find((u) => u.kind !== 'department') ?? row;
  const above = upward.slice(upward.indexOf(facing));
  const nearest = (pick: (u: UnitRow) => string | null) => {
    for (const u of above) {
      const v = filled(pick(u));
      if (v) return v;
    }
    return null;
  };
  return {
    unitId: facing.id,
    name: filled(facing.displayName) ?? facing.name,
    address: nearest((u) => u.address),
    servicePhone: nearest((u) => u.servicePhone),
  };
}
