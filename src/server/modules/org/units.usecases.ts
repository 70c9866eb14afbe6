import type { BusinessType } from '../../../domain/org/business-types';
import { and, asc, eq, sql } from 'drizzle-orm';
import { mayPlaceUnit, type UnitKind } from '../../../domain/org/units';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { applyDefaultCalendar } from '../calendar/calendar.service';
import { orgErrors } from './org.errors';
import { assertCan, scopeOf } from './org.policy';
import { findUnit, unitsWithin, type UnitRow } from './org.repository';
import { unitContact } from './units.contact';
import { organisationUnits } from './org.table';

/** Every unit the caller may see (their grants' subtrees), ordered root-first. */
export async function listUnits(
  deps: Deps,
  actor: Actor,
  opts: { includeInactive: boolean },
): Promise<UnitRow[]> {
  const roots = scopeOf(actor, 'org.units.read');
  return deps.db
    .select()
    .from(organisationUnits)
    .where(and(unitsWithin(roots), opts.includeInactive ? undefined : eq(organisationUnits.active, true)))
    .orderBy(sql`cardinality(${organisationUnits.path})`, asc(organisationUnits.name));
}

/** One unit, 404 when outside the caller's units. */
export async function getUnit(deps: Deps, actor: Actor, id: string): Promise<UnitRow> {
  const unit = await findUnit(deps.db, id);
  if (!unit) throw orgErrors.unitNotFound();
  assertCan(actor, 'org.units.read', unit.path, orgErrors.unitNotFound);
  return unit;
}

/** Unique-index violations become the matching business error instead of a 500. */
function uniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const source = e.cause ?? e;
  return source.code === '23505' ? (source.constraint ?? '') : null;
}

export function mapUnitConflict(err: unknown): never {
  const constraint = uniqueViolation(err);
  if (constraint?.includes('code')) throw orgErrors.duplicateUnitCode();
  if (constraint !== null) throw orgErrors.duplicateUnitName();
  throw err;
}

/** Creates a unit under a parent the caller manages, keeping the tree's shape (ORG-1). */
/** The customer-facing fields as typed; blank means "take it from the unit above". */
interface ContactInput {
  displayName?: string | null | undefined;
  address?: string | null | undefined;
  servicePhone?: string | null | undefined;
  businessType?: BusinessType | null | undefined;
}
function contactFields(input: ContactInput) {
  const blankIsNull = (v: string | null) => (v && v.trim() ? v.trim() : null);
  return {
    ...(input.displayName !== undefined ? { displayName: blankIsNull(input.displayName) } : {}),
    ...(input.address !== undefined ? { address: blankIsNull(input.address) } : {}),
    ...(input.servicePhone !== undefined ? { servicePhone: blankIsNull(input.servicePhone) } : {}),
    ...(input.businessType !== undefined ? { businessType: input.businessType } : {}),
  };
}

/** The customer-facing contact of a unit in the caller's scope (404 outside), inherited from above. */
export async function getUnitContact(deps: Deps, actor: Actor, id: string) {
  const unit = await getUnit(deps, actor, id);
  return (await unitContact(deps.db, unit))!;
}

export async function createUnit(
  deps: Deps,
  actor: Actor,
  input: {
    parentId: string;
    kind: UnitKind;
    name: string;
    code?: string | null;
    timezone?: string;
    calendar?: 'kind_default' | 'inherit';
  } & ContactInput,
): Promise<UnitRow> {
  const parent = await findUnit(deps.db, input.parentId);
  if (!parent) throw orgErrors.unitNotFound();
  assertCan(actor, 'org.units.manage', parent.path, orgErrors.unitNotFound);
  if (!parent.active || !mayPlaceUnit(parent.kind, input.kind)) {
    throw orgErrors.unitPlacement({ parentKind: parent.kind, kind: input.kind, parentActive: parent.active });
  }
  const id = crypto.randomUUID();
  try {
    return await deps.db.transaction(async (tx) => {
      const [unit] = await tx
        .insert(organisationUnits)
        .values({
          id,
          parentId: parent.id,
          kind: input.kind,
          name: input.name,
          code: input.code ?? null,
          timezone: input.timezone ?? parent.timezone,
          ...contactFields(input),
          path: [...parent.path, id],
        })
        .returning();
      const now = deps.clock.now();
      await recordAudit(tx, now, actor, {
        action: 'org.unit.created',
        subjectType: 'organisation_unit',
        subjectId: id,
        unitId: id,
        after: unit,
      });
      if ((input.calendar ?? 'kind_default') === 'kind_default')
        await applyDefaultCalendar(tx, now, actor, unit!);
      return unit!;
    });
  } catch (err) {
    return mapUnitConflict(err);
  }
}

/** Renames, re-codes, deactivates or reactivates a unit. */
export async function updateUnit(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { name?: string; code?: string | null; active?: boolean } & ContactInput,
): Promise<UnitRow> {
  const before = await findUnit(deps.db, id);
  if (!before) throw orgErrors.unitNotFound();
  assertCan(actor, 'org.units.manage', before.path, orgErrors.unitNotFound);
  try {
    return await deps.db.transaction(async (tx) => {
      if (input.active === false && before.active) {
        const children = await tx
          .select({ id: organisationUnits.id })
          .from(organisationUnits)
          .where(and(eq(organisationUnits.parentId, id), eq(organisationUnits.active, true)));
        if (children.length > 0) throw orgErrors.unitHasActiveChildren();
      }
      const [after] = await tx
        .update(organisationUnits)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...contactFields(input),
        })
        .where(eq(organisationUnits.id, id))
        .returning();
      await recordAudit(tx, deps.clock.now(), actor, {
        action: 'org.unit.updated',
        subjectType: 'organisation_unit',
        subjectId: id,
        unitId: id,
        before,
        after,
      });
      return after!;
    });
  } catch (err) {
    return mapUnitConflict(err);
  }
}
