/** SAT-1: a unit's business type, its own or the nearest one above it (`other` when none is set). */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { effectiveBusinessType, type BusinessType } from '../../../domain/org/business-types';
import type { UnitRow } from './org.repository';
import { organisationUnits } from './org.table';

export async function unitBusinessType(
  db: Db,
  unit: Pick<UnitRow, 'path' | 'businessType'>,
): Promise<BusinessType> {
  if (unit.businessType) return unit.businessType;
  const line = await db
    .select({ id: organisationUnits.id, businessType: organisationUnits.businessType })
    .from(organisationUnits)
    .where(inArray(organisationUnits.id, unit.path));
  const byId = new Map(line.map((u) => [u.id, u]));
  return effectiveBusinessType(
    [...unit.path].reverse().flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
  );
}
