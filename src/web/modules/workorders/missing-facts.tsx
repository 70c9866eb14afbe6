import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, localizedMessage } from '../../api/client';
import i18n from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import { CLARIFIED_WITH } from '../../../shared/workorders';
import type { WorkOrder } from '../../../shared/workorders';

interface FactsForm {
  address?: string;
  productModel?: string;
  purchaseDate?: string;
  with: (typeof CLARIFIED_WITH)[number];
  contactName?: string;
  note?: string;
}

/**
 * REP-1: what the order still lacks before it can be dispatched, by name, and a form to fill it in
 * saying with whom it was checked (salesperson, store manager or superior first, then the customer).
 */
export function MissingFactsAlert({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FactsForm>();
  const queryClient = useQueryClient();
  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: FactsForm) =>
      api<WorkOrder>(`${WORKORDERS}/${wo.id}`, {
        method: 'PATCH',
        body: {
          ...(v.address ? { address: v.address } : {}),
          ...(v.productModel ? { productModel: v.productModel } : {}),
          ...(v.purchaseDate ? { purchaseDate: v.purchaseDate } : {}),
          clarification: { with: v.with, contactName: v.contactName, note: v.note },
        },
      }),
    onSuccess: async () => {
      notifySuccess(t('workOrders.common.saved'));
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY] });
    },
    onError: (error) => notifyError(localizedMessage(error)),
  });
  if (!wo.missingFacts.length) return null;
  const missing = new Set(wo.missingFacts.map((m) => m.fact));
  const names = wo.missingFacts.map((m) => (i18n.language === 'en' ? m.en : m.zh));
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginTop: 8 }}
        data-testid="missing-facts"
        title={t('workOrders.facts.title')}
        description={t('workOrders.facts.missing', {
          facts: names.join(i18n.language === 'en' ? ', ' : '、'),
        })}
        action={
          <Button size="small" onClick={() => setOpen(true)} data-testid="fill-facts">
            {t('workOrders.facts.fill')}
          </Button>
        }
      />
      <Modal
        open={open}
        title={t('workOrders.facts.fill')}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ with: 'salesperson' }}>
          {missing.has('address') && (
            <Form.Item name="address" label={t('workOrders.facts.address')} rules={[{ required: true }]}>
              <Input maxLength={300} />
            </Form.Item>
          )}
          {missing.has('product_model') && (
            <Form.Item
              name="productModel"
              label={t('workOrders.facts.productModel')}
              rules={[{ required: true }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          )}
          {missing.has('purchase_date') && (
            <Form.Item
              name="purchaseDate"
              label={t('workOrders.facts.purchaseDate')}
              rules={[{ required: true }]}
            >
              <Input type="date" />
            </Form.Item>
          )}
          <Form.Item name="with" label={t('workOrders.facts.with')} rules={[{ required: true }]}>
            <Select
              options={CLARIFIED_WITH.map((w) => ({ value: w, label: t(`workOrders.facts.who.${w}`) }))}
            />
          </Form.Item>
          <Form.Item name="contactName" label={t('workOrders.facts.contactName')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="note" label={t('workOrders.facts.note')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
