import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { CustomerSelect } from '../customers/customer-select';
import { customerPath, type Customer } from '../customers/customer-types';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { formatYuan } from './money';
import { WO_PERM } from './workorders-api';
import { WORKORDERS } from './workorders-paths';
import {
  CONTRACT_STATES,
  type ContractListItem,
  type MaintenanceContract,
  type WaitingQuote,
} from '../../../shared/workorders';

const CONTRACTS = '/api/v1/maintenance-contracts';
const CONTRACTS_KEY = 'maintenance-contracts';
type ContractState = (typeof CONTRACT_STATES)[number];
const STATE_COLOR: Record<ContractState, string> = {
  upcoming: 'blue',
  active: 'green',
  expiring: 'orange',
  expired: 'default',
};

interface EditForm {
  number: string;
  startsOn: dayjs.Dayjs;
  endsOn: dayjs.Dayjs;
}

/** Edit a contract's number and term (a renewal moves its end). */
function EditContractModal({ contract, onClose }: { contract: ContractListItem; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditForm>();
  const save = useMutation({
    mutationFn: (v: EditForm) =>
      api<MaintenanceContract>(`${CONTRACTS}/${contract.id}`, {
        method: 'PATCH',
        body: {
          number: v.number.trim(),
          startsOn: v.startsOn.format('YYYY-MM-DD'),
          endsOn: v.endsOn.format('YYYY-MM-DD'),
        },
      }),
    onSuccess: async () => {
      notifySuccess(t('workOrders.common.saved'));
      await queryClient.invalidateQueries({ queryKey: [CONTRACTS_KEY] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('workOrders.contracts.edit')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form<EditForm>
        form={form}
        layout="vertical"
        initialValues={{
          number: contract.number,
          startsOn: dayjs(contract.startsOn),
          endsOn: dayjs(contract.endsOn),
        }}
      >
        <Form.Item
          name="number"
          label={t('workOrders.contracts.number')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Space>
          <Form.Item name="startsOn" label={t('workOrders.contracts.startsOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('workOrders.contracts.endsOn')}
            dependencies={['startsOn']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v: dayjs.Dayjs | undefined) =>
                  v && v.isBefore(getFieldValue('startsOn') as dayjs.Dayjs, 'day')
                    ? Promise.reject(new Error(t('workOrders.contracts.endsBeforeStart')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <DatePicker allowClear={false} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

interface CreateForm {
  unitId: string;
  customerId: string;
  assetId?: string;
  number: string;
  startsOn: dayjs.Dayjs;
  endsOn: dayjs.Dayjs;
}

/** 新建维保合同 (PAY-2 class B): a customer, optionally one of their products, a number and a term. */
function CreateContractModal({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const customerId = Form.useWatch('customerId', form);
  const customer = useQuery({
    queryKey: ['customers', 'contract-assets', customerId],
    queryFn: ({ signal }) => get<Customer>(customerPath(customerId), undefined, signal),
    enabled: !!customerId,
  });
  const assets = customerId ? (customer.data?.assets ?? []) : [];
  const save = useMutation({
    mutationFn: (v: CreateForm) =>
      post<MaintenanceContract>(CONTRACTS, {
        unitId: v.unitId,
        customerId: v.customerId,
        ...(v.assetId ? { assetId: v.assetId } : {}),
        number: v.number.trim(),
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        endsOn: v.endsOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async (c) => {
      notifySuccess(t('workOrders.contracts.created', { number: c.number }));
      await queryClient.invalidateQueries({ queryKey: [CONTRACTS_KEY] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('workOrders.contracts.create')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'contract-create-save' } as Record<string, string>}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      <Form<CreateForm> form={form} layout="vertical" initialValues={{ unitId }}>
        <Form.Item
          name="unitId"
          label={t('workOrders.field.unit')}
          rules={[{ required: true, message: t('workOrders.contracts.unitRequired') }]}
        >
          <UnitTreeSelect style={{ width: '100%' }} data-testid="contract-create-unit" />
        </Form.Item>
        <Form.Item
          name="customerId"
          label={t('workOrders.contracts.customer')}
          rules={[{ required: true, message: t('workOrders.contracts.customerRequired') }]}
        >
          <CustomerSelect
            style={{ width: '100%' }}
            data-testid="contract-create-customer"
            onChange={() => form.setFieldValue('assetId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="assetId"
          label={t('workOrders.contracts.asset')}
          extra={t('workOrders.contracts.assetHint')}
        >
          <Select
            allowClear
            disabled={!customerId}
            loading={customer.isFetching}
            placeholder={t('workOrders.contracts.allAssets')}
            options={assets.map((a) => ({
              value: a.id,
              label: [a.name, a.model, a.number].filter(Boolean).join(' · '),
            }))}
            data-testid="contract-create-asset"
          />
        </Form.Item>
        <Form.Item
          name="number"
          label={t('workOrders.contracts.number')}
          rules={[{ required: true, whitespace: true, message: t('workOrders.contracts.numberRequired') }]}
        >
          <Input maxLength={60} data-testid="contract-create-number" />
        </Form.Item>
        <Space>
          <Form.Item
            name="startsOn"
            label={t('workOrders.contracts.startsOn')}
            rules={[{ required: true, message: t('workOrders.contracts.startsOnRequired') }]}
          >
            <DatePicker allowClear={false} data-testid="contract-create-starts" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('workOrders.contracts.endsOn')}
            dependencies={['startsOn']}
            rules={[
              { required: true, message: t('workOrders.contracts.endsOnRequired') },
              ({ getFieldValue }) => ({
                validator: (_, v: dayjs.Dayjs | undefined) =>
                  v && v.isBefore(getFieldValue('startsOn') as dayjs.Dayjs, 'day')
                    ? Promise.reject(new Error(t('workOrders.contracts.endsBeforeStart')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <DatePicker allowClear={false} data-testid="contract-create-ends" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ContractsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const { unitId } = useCurrentUnit();
  const [state, setState] = useState<ContractState | undefined>();
  const [endsBy, setEndsBy] = useState<string | undefined>();
  const [editing, setEditing] = useState<ContractListItem | null>(null);
  const [creating, setCreating] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const filters = { unitId, state, endsBy };
  const list = useQuery({
    queryKey: [CONTRACTS_KEY, filters, paging],
    queryFn: ({ signal }) =>
      get<{ items: ContractListItem[]; total: number }>(CONTRACTS, { ...filters, ...paging }, signal),
    enabled: !!unitId,
    placeholderData: keepPreviousData,
  });
  const firstPage = () => setPaging((p) => ({ ...p, page: 1 }));
  const dispatch = can(WO_PERM.dispatch);
  const columns: TableColumnsType<ContractListItem> = [
    { title: t('workOrders.contracts.number'), dataIndex: 'number', width: 150 },
    { title: t('workOrders.contracts.customer'), dataIndex: 'customerName', width: 140 },
    {
      title: t('workOrders.contracts.asset'),
      key: 'asset',
      render: (_, c) => c.assetName ?? t('workOrders.contracts.allAssets'),
    },
    { title: t('workOrders.field.unit'), dataIndex: 'unitName', width: 140 },
    { title: t('workOrders.contracts.startsOn'), dataIndex: 'startsOn', width: 120 },
    { title: t('workOrders.contracts.endsOn'), dataIndex: 'endsOn', width: 120 },
    {
      title: t('workOrders.contracts.state'),
      key: 'state',
      width: 110,
      render: (_, c) => <Tag color={STATE_COLOR[c.state]}>{t(`workOrders.contracts.states.${c.state}`)}</Tag>,
    },
    ...(dispatch
      ? [
          {
            title: '',
            key: 'edit',
            width: 60,
            render: (_: unknown, c: ContractListItem) => (
              <Button
                type="link"
                icon={<EditOutlined />}
                aria-label={t('workOrders.contracts.edit')}
                onClick={() => setEditing(c)}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('workOrders.contracts.state')}
          style={{ width: 160 }}
          value={state}
          onChange={(v) => {
            setState(v);
            firstPage();
          }}
          options={CONTRACT_STATES.map((s) => ({ value: s, label: t(`workOrders.contracts.states.${s}`) }))}
          data-testid="contract-state-filter"
        />
        <DatePicker
          placeholder={t('workOrders.contracts.endsBy')}
          value={endsBy ? dayjs(endsBy) : null}
          onChange={(d) => {
            setEndsBy(d ? d.format('YYYY-MM-DD') : undefined);
            firstPage();
          }}
        />
        {unitId && dispatch && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="contract-create"
          >
            {t('workOrders.contracts.create')}
          </Button>
        )}
        {unitId && (
          <ListExportButton
            path={`${CONTRACTS}/export.xlsx`}
            filters={filters}
            filename={t('workOrders.contracts.title')}
          />
        )}
      </Space>
      <Table<ContractListItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        data-testid="contracts-table"
      />
      {editing && <EditContractModal contract={editing} onClose={() => setEditing(null)} />}
      {creating && unitId && <CreateContractModal unitId={unitId} onClose={() => setCreating(false)} />}
    </>
  );
}

/**
 * Approved, signed quotes waiting on finance (payment, hand-over) or the warehouse (parts), paged by
 * the server like the other lists.
 */
function WaitingQuotesTab({ path, queue }: { path: string; queue: 'finance' | 'warehouse' }) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const list = useQuery({
    queryKey: [WORKORDERS, 'quotes-waiting', queue, paging],
    queryFn: ({ signal }) => get<{ items: WaitingQuote[]; total: number }>(path, paging, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<WaitingQuote> = [
    {
      title: t('workOrders.field.number'),
      key: 'number',
      width: 170,
      render: (_, q) => <Link to={`/workorders/${q.workOrderId}`}>{q.number}</Link>,
    },
    { title: t('workOrders.contracts.customer'), dataIndex: 'customerName', width: 130 },
    { title: t('workOrders.field.unit'), dataIndex: 'unitName', width: 140 },
    {
      title: t('workOrders.field.state'),
      key: 'state',
      width: 100,
      render: (_, q) => t(`workOrders.state.${q.state}`),
    },
    {
      title: t('workOrders.waiting.total'),
      key: 'total',
      width: 110,
      align: 'right',
      render: (_, q) => formatYuan(q.totalFen),
    },
    queue === 'warehouse'
      ? {
          title: t('workOrders.waiting.parts'),
          key: 'parts',
          render: (_, q) => q.partLines.map((p) => `${p.name} × ${p.quantity}`).join('；'),
        }
      : {
          title: t('workOrders.waiting.payment'),
          key: 'payment',
          render: (_, q) =>
            q.paymentAt
              ? t('workOrders.waiting.collectedNotHanded', { at: formatTime(q.paymentAt) })
              : t('workOrders.waiting.notCollected'),
        },
    {
      title: t('workOrders.waiting.signedAt'),
      key: 'signed',
      width: 150,
      render: (_, q) => formatTime(q.signedAt),
    },
  ];
  return (
    <Table<WaitingQuote>
      rowKey="workOrderId"
      size="small"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      columns={columns}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: list.data?.total ?? 0,
        hideOnSinglePage: true,
        onChange: (page, pageSize) => setPaging({ page, pageSize }),
      }}
      data-testid={`waiting-${queue}`}
    />
  );
}

/** 维保合同 and the quotes waiting on finance or the warehouse (issue 18 item 7). */
export function ContractsPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Card title={t('workOrders.contracts.title')}>
      <Tabs
        items={[
          { key: 'contracts', label: t('workOrders.contracts.tab'), children: <ContractsTab /> },
          {
            key: 'finance',
            label: t('workOrders.waiting.finance'),
            children: <WaitingQuotesTab path={`${WORKORDERS}/quotes-waiting-finance`} queue="finance" />,
          },
          ...(can('parts.view')
            ? [
                {
                  key: 'warehouse',
                  label: t('workOrders.waiting.warehouse'),
                  children: <WaitingQuotesTab path="/api/v1/part-requisitions/pending" queue="warehouse" />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
