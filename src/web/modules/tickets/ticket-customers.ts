import { useQueries } from '@tanstack/react-query';
import { get } from '../../api/client';
import { CUSTOMERS_KEY, customerPath } from '../customers';
import type { Customer } from '../customers';

export interface CustomerName {
  name: string;
  specialAttention: boolean;
}

/**
 * Customer names for a page of tickets. The ticket list answer carries only `customerId`, so the
 * names are read one customer at a time (cached for five minutes); a page holds at most a few dozen.
 */
export function useCustomerNames(ids: readonly (string | null)[]): Map<string, CustomerName> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: [CUSTOMERS_KEY, 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => get<Customer>(customerPath(id), undefined, signal),
      staleTime: 300_000,
      meta: { silent: true },
    })),
  });
  const names = new Map<string, CustomerName>();
  results.forEach((r, i) => {
    const id = unique[i];
    if (id && r.data) names.set(id, { name: r.data.name, specialAttention: !!r.data.specialAttention });
  });
  return names;
}
