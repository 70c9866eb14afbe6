import { useState } from 'react';
import { Button, Card, Flex, Input, Radio, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localizedMessage, post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { windowLabel } from './tech-page';
import { canDo, useWorkOrderAction } from './workorders-api';
import type { CustomerRequestKind, PublicWorkOrder, WorkOrder } from '../../../shared/workorders';

const SLOTS = { morning: [9, 12], afternoon: [14, 17] } as const;
type Slot = keyof typeof SLOTS;
type Window = { start: string; end: string };
const windowText = (w: Window) => `${dayjs(w.start).format('M月D日')} ${windowLabel(w)}`;

/** 需确认: the order has customer requests waiting for staff (lists, board, detail). */
export function PendingRequestsBadge({ kinds }: { kinds: readonly CustomerRequestKind[] }) {
  const { t } = useTranslation();
  if (!kinds.length) return null;
  return (
    <Tag
      color="red"
      title={kinds.map((k) => t(`workOrders.requests.kind.${k}`)).join('、')}
      data-testid="customer-request-badge"
    >
      {t('workOrders.requests.badge')}
    </Tag>
  );
}

/**
 * The customer's side (REP-3, PORTAL-1): ask for another time (a day and a half-day, up to three)
 * or to cancel with a reason; the requests and their outcome are listed below.
 */
export function CustomerRequestPanel({
  token,
  wo,
  onChanged,
}: {
  token: string;
  wo: PublicWorkOrder;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<CustomerRequestKind | null>(null);
  const [days, setDays] = useState<{ day: string; slot: Slot }[]>([{ day: '', slot: 'morning' }]);
  const [text, setText] = useState('');
  const send = useMutation({
    meta: { silent: true },
    mutationFn: (body: unknown) =>
      post(`/api/v1/public/workorders/${encodeURIComponent(token)}/requests`, body),
    onSuccess: async () => {
      notifySuccess(t('workOrders.requests.sent'));
      setOpen(null);
      setText('');
      await onChanged();
    },
    onError: (e) => notifyError(localizedMessage(e)),
  });
  const windows = days
    .filter((d) => d.day)
    .map((d) => {
      const [from, to] = SLOTS[d.slot];
      const day = dayjs(d.day);
      return { start: day.hour(from).toISOString(), end: day.hour(to).toISOString() };
    });
  const submit = () =>
    send.mutate(
      open === 'reschedule'
        ? { kind: 'reschedule', windows, ...(text.trim() ? { note: text.trim() } : {}) }
        : { kind: 'cancel', reason: text.trim() },
    );
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <Flex vertical gap={12}>
      {(wo.canRequest.reschedule || wo.canRequest.cancel) && !open && (
        <Flex gap={8}>
          {wo.canRequest.reschedule && (
            <Button
              block
              size="large"
              onClick={() => setOpen('reschedule')}
              data-testid="portal-ask-reschedule"
            >
              {t('workOrders.requests.reschedule')}
            </Button>
          )}
          {wo.canRequest.cancel && (
            <Button
              block
              size="large"
              danger
              onClick={() => setOpen('cancel')}
              data-testid="portal-ask-cancel"
            >
              {t('workOrders.requests.cancel')}
            </Button>
          )}
        </Flex>
      )}
      {open && (
        <Card size="small" title={t(`workOrders.requests.${open}`)} data-testid="portal-request-form">
          <Flex vertical gap={10}>
            {open === 'reschedule' &&
              days.map((d, i) => (
                <Flex key={i} vertical gap={6}>
                  <Input
                    type="date"
                    min={today}
                    value={d.day}
                    aria-label={t('workOrders.requests.day')}
                    onChange={(e) =>
                      setDays(days.map((x, j) => (j === i ? { ...x, day: e.target.value } : x)))
                    }
                    data-testid={`portal-request-day-${i}`}
                  />
                  <Radio.Group
                    optionType="button"
                    value={d.slot}
                    onChange={(e) =>
                      setDays(days.map((x, j) => (j === i ? { ...x, slot: e.target.value as Slot } : x)))
                    }
                    options={(Object.keys(SLOTS) as Slot[]).map((s) => ({
                      value: s,
                      label: t(`workOrders.requests.slot.${s}`),
                    }))}
                  />
                </Flex>
              ))}
            {open === 'reschedule' && days.length < 3 && (
              <Button type="dashed" onClick={() => setDays([...days, { day: '', slot: 'afternoon' }])}>
                {t('workOrders.requests.addWindow')}
              </Button>
            )}
            <Input.TextArea
              rows={2}
              maxLength={500}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t(
                open === 'reschedule' ? 'workOrders.requests.note' : 'workOrders.requests.reason',
              )}
              data-testid="portal-request-text"
            />
            <Flex gap={8}>
              <Button onClick={() => setOpen(null)}>{t('common.cancel')}</Button>
              <Button
                type="primary"
                block
                loading={send.isPending}
                disabled={open === 'reschedule' ? windows.length === 0 : !text.trim()}
                onClick={submit}
                data-testid="portal-request-submit"
              >
                {t('workOrders.requests.submit')}
              </Button>
            </Flex>
          </Flex>
        </Card>
      )}
      {wo.requests.map((r) => (
        <Card size="small" key={r.id} data-testid="portal-request">
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t(`workOrders.requests.kind.${r.kind}`)}</Typography.Text>
            <Tag
              color={r.state === 'pending' ? 'orange' : r.state === 'confirmed' ? 'green' : 'default'}
              data-testid="portal-request-state"
            >
              {t(`workOrders.requests.state.${r.state}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workOrders.requests.askedAt', { time: formatTime(r.createdAt) })}
          </Typography.Text>
          {r.windows.length > 0 && (
            <div>{t('workOrders.requests.proposed', { windows: r.windows.map(windowText).join('；') })}</div>
          )}
          {r.note && <div style={{ whiteSpace: 'pre-wrap' }}>{r.note}</div>}
          {r.booked && <div>{t('workOrders.requests.booked', { window: windowText(r.booked) })}</div>}
          {r.state === 'confirmed' && r.kind === 'cancel' && (
            <div>{t('workOrders.requests.cancelledDone')}</div>
          )}
          {r.declineReason && (
            <Typography.Text type="danger">
              {t('workOrders.requests.declinedBecause', { reason: r.declineReason })}
            </Typography.Text>
          )}
        </Card>
      ))}
    </Flex>
  );
}

function PendingRequest({ wo, request }: { wo: WorkOrder; request: WorkOrder['customerRequests'][number] }) {
  const { t } = useTranslation();
  const action = useWorkOrderAction(wo.id);
  const [chosen, setChosen] = useState(0);
  const [reason, setReason] = useState('');
  const path = `customer-requests/${request.id}`;
  const mayConfirm =
    request.kind === 'cancel' ? canDo(wo, 'cancel') : canDo(wo, 'reschedule') || canDo(wo, 'appointment');
  return (
    <Flex vertical gap={8}>
      {request.windows.length > 0 && (
        <Radio.Group
          value={chosen}
          onChange={(e) => setChosen(e.target.value as number)}
          options={request.windows.map((w, i) => ({ value: i, label: windowText(w) }))}
          data-testid="request-windows"
        />
      )}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          disabled={!mayConfirm}
          loading={action.isPending}
          onClick={() =>
            action.mutate({
              action: `${path}/confirm`,
              body: request.kind === 'reschedule' ? request.windows[chosen] : {},
            })
          }
          data-testid="request-confirm"
        >
          {t(
            request.kind === 'reschedule'
              ? 'workOrders.requests.confirmWindow'
              : 'workOrders.requests.confirmCancel',
          )}
        </Button>
        <Input
          style={{ flex: 1, minWidth: 180 }}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('workOrders.requests.declineReason')}
          data-testid="request-decline-reason"
        />
        <Button
          disabled={!reason.trim()}
          onClick={() => action.mutate({ action: `${path}/decline`, body: { reason: reason.trim() } })}
          data-testid="request-decline"
        >
          {t('workOrders.requests.decline')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** Staff: the customer's requests on the detail page; pending ones are confirmed or declined here. */
export function CustomerRequestsCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  if (!wo.customerRequests.length) return null;
  return (
    <Card size="small" title={t('workOrders.requests.title')} data-testid="customer-requests-card">
      <Flex vertical gap={12}>
        {[...wo.customerRequests].reverse().map((r) => (
          <Flex key={r.id} vertical gap={4} data-testid="customer-request">
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{t(`workOrders.requests.kind.${r.kind}`)}</Typography.Text>
              <Tag color={r.state === 'pending' ? 'red' : r.state === 'confirmed' ? 'green' : 'default'}>
                {t(`workOrders.requests.staffState.${r.state}`)}
              </Tag>
              <Typography.Text type="secondary">
                {t('workOrders.requests.askedAt', { time: formatTime(r.createdAt) })}
              </Typography.Text>
            </Flex>
            {r.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.note}</Typography.Text>}
            {r.state !== 'pending' && r.windows.length > 0 && (
              <Typography.Text type="secondary">
                {t('workOrders.requests.proposed', { windows: r.windows.map(windowText).join('；') })}
              </Typography.Text>
            )}
            {r.booked && (
              <Typography.Text>
                {t('workOrders.requests.booked', { window: windowText(r.booked) })}
              </Typography.Text>
            )}
            {r.declineReason && (
              <Typography.Text type="secondary">
                {t('workOrders.requests.declinedBecause', { reason: r.declineReason })}
              </Typography.Text>
            )}
            {r.decidedBy && r.decidedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('workOrders.requests.decidedBy', {
                  name: r.decidedBy.name,
                  time: formatTime(r.decidedAt),
                })}
              </Typography.Text>
            )}
            {r.state === 'pending' && canDo(wo, 'customer_requests') && (
              <PendingRequest wo={wo} request={r} />
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
