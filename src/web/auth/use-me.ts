import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { Me } from '../api/types';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => get<Me>('/api/v1/me', undefined, signal),
    staleTime: 60_000,
  });
}

/** The signed-in user; only for components rendered inside RequireAuth. */
export function useCurrentMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentMe used outside RequireAuth');
  return data;
}

export function useCan(): (permission: string | readonly string[]) => boolean {
  const me = useCurrentMe();
  return (permission) => {
    const wanted = typeof permission === 'string' ? [permission] : permission;
    return wanted.some((p) => me.permissions.includes(p));
  };
}
