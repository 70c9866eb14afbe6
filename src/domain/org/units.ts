/** The shape of the organisation tree (ORG-1): which kind of unit may sit under which. */

export type UnitKind = 'headquarters' | 'region' | 'store' | 'department';

export const UNIT_KINDS: readonly UnitKind[] = ['headquarters', 'region', 'store', 'department'];

const ALLOWED_CHILDREN: Record<UnitKind, readonly UnitKind[]> = {
  headquarters: ['region', 'store', 'department'],
  region: ['store', 'department'],
  store: ['department'],
  department: [],
};

/** May a unit of kind `child` be created under a parent of kind `parent` (null: at the root)? */
export function mayPlaceUnit(parent: UnitKind | null, child: UnitKind): boolean {
  if (parent === null) return child === 'headquarters';
  return ALLOWED_CHILDREN[parent].includes(child);
}
