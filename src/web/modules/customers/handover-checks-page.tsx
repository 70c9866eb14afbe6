import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { usePagedList } from '../../hooks/use-paged-list';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import type { HandoverCheck } from '../../../shared/customers';
import { customerPath } from './customer-types';
import { CustomerSelect } from './customer-select';

const HANDOVER_KEY = 'customer-handover-checks';
type HandoverState = 'unchecked' | 'checked';
type ReceiveForm = { customerId: string; handoverOn: Dayjs; receivedOn: Dayjs };
type CheckForm = { ticks: ('roomOk' | 'phoneOk' | 'addressOk')[]; problem?: string };

/**
 * 档案交接核对 (CUS-5): the records sales hands over one month before the house is handed over,
 * checked on arrival — room, phone and address each ticked, or the problem written down. Records
 * that came later than due are tagged 迟交. Checking needs customers.manage, as on the server.
 */
export function HandoverChecksPage() {
  const { t } = useTranslation();
  const canCheck = useCan()(PERM.customersManage);
  const [state, setState] = useState<HandoverState>('unchecked');
  const [checking, setChecking] = useState<HandoverCheck | null>(null);
  const [receiving, setReceiving] = useState(false);
  const { query, items, pagination } = usePagedList<HandoverCheck>(
    HANDOVER_KEY,
    '/api/v1/customers/handover-checks',
    { state },
  );
  const columns: TableColumnsType<HandoverCheck> = [
    { title: t('customers.handover.customer'), dataIndex: 'customerName', width: 160 },
    { title: t('customers.handover.handoverOn'), dataIndex: 'handoverOn', width: 130 },
    { title: t('customers.handover.dueOn'), dataIndex: 'dueOn', width: 130 },
    {
      title: t('customers.handover.receivedOn'),
      key: 'receivedOn',
      width: 170,
      render: (_, r) => (
        <Space size={6}>
          {r.receivedOn}
          {r.receivedLate && (
            <Tag color="red" data-testid="handover-late">
              {t('customers.handover.late')}
            </Tag>
          )}
        </Space>
      ),
    },
    ...(state === 'checked'
      ? ([
          {
            title: t('customers.handover.outcome'),
            key: 'outcome',
            width: 260,
            render: (_, r) =>
              r.outcome === 'passed' ? (
                <Tag color="green">{t('customers.handover.passed')}</Tag>
              ) : (
                <Space size={6} wrap>
                  <Tag color="orange">{t('customers.handover.problemTag')}</Tag>
                  {r.problem}
                </Space>
              ),
          },
          { title: t('customers.handover.checkedBy'), dataIndex: 'checkedBy', width: 110 },
          {
            title: t('customers.handover.checkedAt'),
            dataIndex: 'checkedAt',
            width: 160,
            render: (v: string | null) => formatTime(v),
          },
        ] satisfies TableColumnsType<HandoverCheck>)
      : []),
    { title: t('customers.handover.unit'), dataIndex: 'unitName', width: 160 },
    ...(state === 'unchecked' && canCheck
      ? ([
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => setChecking(r)} data-testid="handover-check">
                {t('customers.handover.check')}
              </Button>
            ),
          },
        ] satisfies TableColumnsType<HandoverCheck>)
      : []),
  ];
  return (
    <Card
      title={t('customers.handover.title')}
      extra={
        canCheck && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setReceiving(true)}
            data-testid="handover-receive"
          >
            {t('customers.handover.receive')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('customers.handover.hint')}</Typography.Paragraph>
      <Tabs
        activeKey={state}
        onChange={(key) => setState(key as HandoverState)}
        items={[
          { key: 'unchecked', label: t('customers.handover.unchecked') },
          { key: 'checked', label: t('customers.handover.checked') },
        ]}
      />
      <Table<HandoverCheck>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns}
        pagination={pagination}
        data-testid="handover-checks-table"
      />
      {receiving && <HandoverReceiveModal onClose={() => setReceiving(false)} />}
      {checking && <HandoverCheckModal record={checking} onClose={() => setChecking(null)} />}
    </Card>
  );
}

/** 登记收到档案: the record sales handed over arrived; the due date follows from the hand-over day. */
function HandoverReceiveModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReceiveForm>();
  const receive = useMutation({
    mutationFn: (v: ReceiveForm) =>
      post<HandoverCheck>(`${customerPath(v.customerId)}/handover`, {
        handoverOn: v.handoverOn.format('YYYY-MM-DD'),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async () => {
      notifySuccess(t('customers.handover.received'));
      await queryClient.invalidateQueries({ queryKey: [HANDOVER_KEY] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('customers.handover.receive')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customers.handover.receiveConfirm')}
      confirmLoading={receive.isPending}
      destroyOnHidden
    >
      <Form<ReceiveForm>
        form={form}
        layout="vertical"
        initialValues={{ receivedOn: dayjs() }}
        onFinish={(v) => receive.mutate(v)}
      >
        <Form.Item
          name="customerId"
          label={t('customers.handover.customer')}
          rules={[{ required: true, message: t('customers.handover.customerRequired') }]}
        >
          <CustomerSelect data-testid="handover-customer" />
        </Form.Item>
        <Form.Item
          name="handoverOn"
          label={t('customers.handover.handoverOn')}
          rules={[{ required: true, message: t('customers.handover.handoverOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="handover-date" />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('customers.handover.receivedOn')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The check itself: each of room, phone and address ticked, or what is wrong written down. */
function HandoverCheckModal({ record, onClose }: { record: HandoverCheck; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CheckForm>();
  const ticks = Form.useWatch('ticks', form) ?? [];
  const allTicked = ticks.length === 3;
  const check = useMutation({
    mutationFn: (v: CheckForm) =>
      post<HandoverCheck>(`${customerPath(record.customerId)}/handover/check`, {
        roomOk: v.ticks.includes('roomOk'),
        phoneOk: v.ticks.includes('phoneOk'),
        addressOk: v.ticks.includes('addressOk'),
        problem: v.problem?.trim() || null,
      }),
    onSuccess: async () => {
      notifySuccess(t('customers.handover.done'));
      await queryClient.invalidateQueries({ queryKey: [HANDOVER_KEY] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('customers.handover.checkTitle', { name: record.customerName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customers.handover.confirm')}
      confirmLoading={check.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('customers.handover.checkHint')}</Typography.Paragraph>
      <Form<CheckForm>
        form={form}
        layout="vertical"
        initialValues={{ ticks: [] }}
        onFinish={(v) => check.mutate(v)}
      >
        <Form.Item name="ticks" label={t('customers.handover.checkedItems')}>
          <Checkbox.Group
            data-testid="handover-ticks"
            options={[
              { value: 'roomOk', label: t('customers.handover.roomOk') },
              { value: 'phoneOk', label: t('customers.handover.phoneOk') },
              { value: 'addressOk', label: t('customers.handover.addressOk') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="problem"
          label={t('customers.handover.problem')}
          dependencies={['ticks']}
          rules={[
            {
              required: !allTicked,
              whitespace: true,
              message: t('customers.handover.problemRequired'),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={t('customers.handover.problemPlaceholder')}
            data-testid="handover-problem"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
