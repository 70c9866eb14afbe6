import { useState } from 'react';
import { Button, Form, Modal, Select } from 'antd';
import type { SelectProps } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { notifySuccess } from '../../lib/notify';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import type { LinkableOrder, WorkOrder } from '../../../shared/workorders';

type Props = Omit<SelectProps<string>, 'options' | 'loading'> & { customerId: string | null | undefined };

/** SAT-1: one of the customer's sales orders (newest first), for the feedback form's items. */
export function LinkableOrderSelect({ customerId, ...rest }: Props) {
  const { t } = useTranslation();
  const orders = useQuery({
    queryKey: [WORKORDERS_KEY, 'linkable-orders', customerId],
    queryFn: ({ signal }) =>
      get<{ items: LinkableOrder[] }>(`${WORKORDERS}/linkable-orders`, { customerId }, signal),
    enabled: !!customerId,
  });
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!customerId}
      loading={orders.isFetching}
      placeholder={customerId ? t('workOrders.orderLink.placeholder') : t('workOrders.orderLink.noCustomer')}
      notFoundContent={orders.isFetching ? undefined : t('workOrders.orderLink.none')}
      options={(orders.data?.items ?? []).map((o) => ({
        value: o.id,
        label: [o.orderNo, dayjs(o.orderedAt).format('YYYY-MM-DD'), o.products.join('、')]
          .filter(Boolean)
          .join(' · '),
      }))}
      style={{ width: '100%' }}
      {...rest}
    />
  );
}

/** 关联订单 on the detail page: link, change or remove the order while the order is still editable. */
export function OrderLinkButton({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ orderId?: string }>();
  const save = useMutation({
    mutationFn: (v: { orderId?: string }) =>
      api<WorkOrder>(`${WORKORDERS}/${wo.id}`, { method: 'PATCH', body: { orderId: v.orderId ?? null } }),
    onSuccess: async () => {
      notifySuccess(t('workOrders.common.saved'));
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY] });
    },
  });
  return (
    <>
      <Button
        type="link"
        size="small"
        icon={<LinkOutlined />}
        onClick={() => setOpen(true)}
        data-testid="order-link-edit"
      >
        {wo.acceptanceForm.order ? t('workOrders.orderLink.change') : t('workOrders.orderLink.link')}
      </Button>
      <Modal
        open={open}
        title={t('workOrders.orderLink.title')}
        onCancel={() => setOpen(false)}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'order-link-save' } as Record<string, string>}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ orderId: wo.acceptanceForm.order?.id }}>
          <Form.Item name="orderId" extra={t('workOrders.orderLink.hint')}>
            <LinkableOrderSelect customerId={wo.customer?.id} data-testid="order-link-select" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
