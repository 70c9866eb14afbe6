import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { TICKETS_KEY, ticketKey, ticketPath } from './tickets-api';
import type { TicketDetail } from '../../../shared/tickets';

export type TicketAction =
  'assign' | 'reclassify' | 'notes' | 'replies' | 'transition' | 'merge' | 'edit' | 'milestones';

/**
 * One action on a ticket (POST /tickets/:id/<action>, or PATCH for `edit`). Every action answers
 * with the detail as it is now, which replaces the cached one; lists are refreshed behind it.
 */
export function useTicketAction(id: string, action: TicketAction, onDone?: (t: TicketDetail) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      action === 'edit'
        ? api<TicketDetail>(ticketPath(id), { method: 'PATCH', body })
        : api<TicketDetail>(`${ticketPath(id)}/${action}`, { method: 'POST', body }),
    onSuccess: async (ticket) => {
      queryClient.setQueryData(ticketKey(id), ticket);
      onDone?.(ticket);
      await queryClient.invalidateQueries({
        queryKey: [TICKETS_KEY],
        predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== id,
      });
    },
  });
}
