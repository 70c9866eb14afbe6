import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { ItemList, Permission } from '../api/types';

export function usePermissionCatalog() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: ({ signal }) => get<ItemList<Permission>>('/api/v1/permissions', undefined, signal),
    staleTime: Infinity,
    meta: { silent: true }, // callers fall back to showing codes
  });
}
