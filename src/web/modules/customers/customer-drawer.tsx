import { useMemo, useState } from 'react';
import { Button, Drawer, Form, Space, Spin } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { notifySuccess } from '../../lib/notify';
import { CustomerDetails } from './customer-details';
import { CustomerForm } from './customer-form';
import type { CustomerFormTarget, CustomerFormValues } from './customer-form';
import { CUSTOMERS_KEY, customerPath } from './customer-types';
import type { Customer } from './customer-types';

/** What the drawer shows: one customer (view, then edit) or the new-customer form. */
export type CustomerDrawerTarget =
  { mode: 'view'; customerId: string; editing?: boolean } | Extract<CustomerFormTarget, { mode: 'create' }>;

/** The customer record in a drawer: read it, edit it, or create a new one. */
export function CustomerDrawer({
  target,
  onClose,
  onCreated,
}: {
  target: CustomerDrawerTarget | null;
  onClose: () => void;
  onCreated?: (customer: Customer) => void;
}) {
  const { t } = useTranslation();
  const canManage = useCan()(PERM.customersManage);
  const [form] = Form.useForm<CustomerFormValues>();
  const [editingFor, setEditingFor] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const viewId = target?.mode === 'view' ? target.customerId : null;
  const customer = useQuery({
    queryKey: [CUSTOMERS_KEY, 'one', viewId],
    queryFn: ({ signal }) => get<Customer>(customerPath(viewId ?? ''), undefined, signal),
    enabled: viewId !== null,
  });
  const editing = viewId !== null && (editingFor === viewId || (target?.mode === 'view' && !!target.editing));
  // One stable form target per record version, so the form resets only when the record changes.
  const record = customer.data;
  const createTarget = target?.mode === 'create' ? target : null;
  const formTarget = useMemo<CustomerFormTarget | null>(
    () => createTarget ?? (editing && record ? { mode: 'edit', customer: record } : null),
    [createTarget, editing, record],
  );

  const close = () => {
    setEditingFor(null);
    onClose();
  };
  const showForm = target?.mode === 'create' || editing;
  const title =
    target?.mode === 'create'
      ? t('customers.create')
      : editing
        ? t('customers.editTitle', { name: customer.data?.name ?? '' })
        : t('customers.detailTitle');

  return (
    <Drawer
      title={title}
      open={target !== null}
      onClose={close}
      size={640}
      destroyOnHidden
      data-testid="customer-drawer"
      extra={
        showForm ? (
          <Space>
            <Button onClick={() => (target?.mode === 'create' ? close() : setEditingFor(null))}>
              {t('common.cancel')}
            </Button>
            <Button
              type="primary"
              loading={pending}
              onClick={() => form.submit()}
              data-testid="customer-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        ) : (
          canManage &&
          customer.data && (
            <Button icon={<EditOutlined />} onClick={() => setEditingFor(viewId)} data-testid="customer-edit">
              {t('common.edit')}
            </Button>
          )
        )
      }
    >
      {showForm && formTarget ? (
        <CustomerForm
          form={form}
          target={formTarget}
          onPendingChange={setPending}
          onSaved={(saved) => {
            notifySuccess(target?.mode === 'create' ? t('customers.created') : t('common.saved'));
            if (target?.mode === 'create') {
              // The caller may show the new record right away; otherwise the drawer closes.
              if (onCreated) onCreated(saved);
              else close();
            } else setEditingFor(null);
          }}
        />
      ) : customer.data ? (
        <CustomerDetails customer={customer.data} />
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}
