import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { ItemList, Unit } from '../api/types';
import { useCan, useCurrentMe } from '../auth/use-me';
import { PERM } from '../auth/permissions';

export const UNITS_KEY = 'units';

/**
 * Units the caller may see. People without org.units.read still pick among their own units
 * (from Me), so forms and filters work for them too.
 */
export function useUnits(includeInactive = false) {
  const me = useCurrentMe();
  const canRead = useCan()(PERM.unitsRead);
  const query = useQuery({
    queryKey: [UNITS_KEY, { includeInactive }],
    queryFn: ({ signal }) =>
      get<ItemList<Unit>>('/api/v1/units', includeInactive ? { includeInactive: true } : undefined, signal),
    enabled: canRead,
    staleTime: 60_000,
  });
  const fallback = useMemo<Unit[]>(
    () =>
      me.memberships.map((m) => ({
        id: m.unitId,
        parentId: null,
        kind: m.unitKind,
        name: m.unitName,
        code: null,
        timezone: 'Asia/Shanghai',
        displayName: null,
        address: null,
        servicePhone: null,
        businessType: null,
        active: true,
        path: [m.unitId],
      })),
    [me],
  );
  const units = canRead ? (query.data?.items ?? []) : fallback;
  return { units, isLoading: canRead && query.isLoading, refetch: query.refetch };
}
