import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, get, localizedMessage } from '../../api/client';
import { notifyError, notifySuccess } from '../../lib/notify';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import type { Attachment } from './workorders-paths';
import type { WorkOrder } from '../../../shared/workorders';

// Permission codes of docs/api-workorders.md; kept here so the shared permission list stays untouched.
export const WO_PERM = {
  read: 'workorders.read',
  create: 'workorders.create',
  dispatch: 'workorders.dispatch',
  work: 'workorders.work',
  verify: 'workorders.verify',
  approve: 'workorders.approve',
  pricingManage: 'pricing.manage',
  confirmService: 'pricing.confirm_service',
  confirmParts: 'pricing.confirm_parts',
} as const;

/** allowedActions uses snake_case names; the routes use kebab-case paths (carry_in → /carry-in). */
export const actionPath = (action: string) => action.replace(/_/g, '-');
export const canDo = (wo: Pick<WorkOrder, 'allowedActions'> | undefined, action: string) =>
  !!wo?.allowedActions.some((a) => a.replace(/-/g, '_') === action);

/** 404 route_not_found: the server side of this feature is not deployed yet (built in parallel). */
export function isApiMissing(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'request.not_found';
}

export function useWorkOrder(id: string | undefined) {
  return useQuery({
    queryKey: [WORKORDERS_KEY, 'detail', id],
    queryFn: ({ signal }) => get<WorkOrder>(`${WORKORDERS}/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useAttachments(id: string | undefined) {
  return useQuery({
    queryKey: [WORKORDERS_KEY, 'attachments', id],
    queryFn: ({ signal }) =>
      get<{ items: Attachment[] }>(
        '/api/v1/attachments',
        { subjectType: 'work_order', subjectId: id },
        signal,
      ),
    enabled: !!id,
  });
}

/** Uploads a photo of the order; the name prefix ('before-'/'after-') groups it on the page. */
export async function uploadPhoto(workOrderId: string, file: File, prefix: 'before' | 'after') {
  const form = new FormData();
  form.set('subjectType', 'work_order');
  form.set('subjectId', workOrderId);
  form.set('file', new File([file], `${prefix}-${file.name}`, { type: file.type }));
  return api<Attachment>('/api/v1/attachments', { method: 'POST', body: form });
}

/**
 * One work-order action (POST /workorders/:id/<action>, or PUT for parts/quote). Every success
 * refreshes all work-order views; a 409 (another phone got there first, REP-5) refreshes this
 * order so the page shows what really happened, and says so.
 */
export function useWorkOrderAction(id: string) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    meta: { silent: true }, // its own message below says when the server part is not there yet
    mutationFn: (v: { action: string; body?: unknown; method?: 'POST' | 'PUT' }) =>
      api<WorkOrder | { workOrder: WorkOrder }>(`${WORKORDERS}/${id}/${actionPath(v.action)}`, {
        method: v.method ?? 'POST',
        body: v.body ?? {},
      }),
    onSuccess: async (_, v) => {
      const label = `workOrders.action.${v.action}`;
      notifySuccess(
        i18n.exists(label) ? t('workOrders.action.done', { action: t(label) }) : t('workOrders.common.saved'),
      );
      await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY] });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY] });
      }
      notifyError(isApiMissing(error) ? t('workOrders.common.apiMissing') : localizedMessage(error));
    },
  });
}

/** The work order out of an action's answer (some answer `{workOrder, warnings}`). */
export function workOrderOf(answer: WorkOrder | { workOrder: WorkOrder }): WorkOrder {
  return 'workOrder' in answer ? answer.workOrder : answer;
}
