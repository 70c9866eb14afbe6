import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, get, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { notifySuccess } from '../../lib/notify';
import { fenToYuanInput, formatYuan, parseYuan } from './money';
import { WO_PERM } from './workorders-api';
import { PRICE_LIST, PRICE_LIST_KEY } from './workorders-paths';
import type { PriceItem } from '../../../shared/workorders';

type Kind = PriceItem['kind'];

export function usePriceList(
  unitId: string | undefined,
  filters: { kind?: Kind; q?: string; includeInactive?: boolean } = {},
) {
  return useQuery({
    queryKey: [PRICE_LIST_KEY, unitId, filters],
    queryFn: ({ signal }) =>
      get<{ items: PriceItem[] }>(
        PRICE_LIST,
        {
          unitId,
          kind: filters.kind,
          q: filters.q,
          includeInactive: filters.includeInactive ? 'true' : undefined,
        },
        signal,
      ),
    enabled: !!unitId,
  });
}

interface ItemForm {
  kind: Kind;
  code: string;
  name: string;
  unit: string;
  price: string;
  active: boolean;
}

function ItemModal({
  item,
  unitId,
  onClose,
}: {
  item: PriceItem | 'new';
  unitId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ItemForm>();
  const save = useMutation({
    mutationFn: (v: ItemForm) => {
      const priceFen = parseYuan(v.price)!;
      return item === 'new'
        ? post<PriceItem>(PRICE_LIST, {
            unitId,
            kind: v.kind,
            code: v.code.trim(),
            name: v.name.trim(),
            unit: v.unit.trim(),
            priceFen,
          })
        : api<PriceItem>(`${PRICE_LIST}/${item.id}`, {
            method: 'PATCH',
            body: { name: v.name.trim(), unit: v.unit.trim(), priceFen, active: v.active },
          });
    },
    onSuccess: async () => {
      notifySuccess(t('workOrders.common.saved'));
      await queryClient.invalidateQueries({ queryKey: [PRICE_LIST_KEY] });
      onClose();
    },
  });
  const editing = item !== 'new';
  return (
    <Modal
      open
      title={t(editing ? 'workOrders.pricing.edit' : 'workOrders.pricing.add')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form<ItemForm>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { ...item, price: fenToYuanInput(item.priceFen) }
            : { kind: 'service', code: '', name: '', unit: '次', price: '', active: true }
        }
      >
        <Form.Item name="kind" label={t('workOrders.pricing.kind')}>
          <Segmented<Kind>
            disabled={editing}
            options={[
              { value: 'service', label: t('workOrders.pricing.kindService') },
              { value: 'part', label: t('workOrders.pricing.kindPart') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('workOrders.pricing.code')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={40} disabled={editing} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('workOrders.pricing.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Space>
          <Form.Item
            name="unit"
            label={t('workOrders.pricing.unit')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={10} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item
            name="price"
            label={t('workOrders.pricing.price')}
            rules={[
              {
                validator: (_, v: string) =>
                  parseYuan(v ?? '') === null
                    ? Promise.reject(new Error(t('workOrders.pricing.badPrice')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input prefix="¥" style={{ width: 160 }} data-testid="price-input" />
          </Form.Item>
          {editing && (
            <Form.Item name="active" label={t('workOrders.pricing.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Space>
      </Form>
    </Modal>
  );
}

function columns(t: TFunction, onEdit: ((item: PriceItem) => void) | null): TableColumnsType<PriceItem> {
  return [
    { title: t('workOrders.pricing.code'), dataIndex: 'code', width: 120 },
    { title: t('workOrders.pricing.name'), dataIndex: 'name' },
    {
      title: t('workOrders.pricing.kind'),
      key: 'kind',
      width: 90,
      render: (_, r) => (
        <Tag color={r.kind === 'service' ? 'blue' : 'purple'}>
          {t(r.kind === 'service' ? 'workOrders.pricing.kindService' : 'workOrders.pricing.kindPart')}
        </Tag>
      ),
    },
    {
      title: t('workOrders.pricing.price'),
      key: 'price',
      width: 140,
      align: 'right',
      render: (_, r) => `${formatYuan(r.priceFen)} / ${r.unit}`,
    },
    {
      title: t('workOrders.pricing.active'),
      key: 'active',
      width: 90,
      render: (_, r) =>
        r.active ? (
          <Tag color="green">{t('workOrders.common.yes')}</Tag>
        ) : (
          <Tag>{t('workOrders.pricing.inactive')}</Tag>
        ),
    },
    ...(onEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 60,
            render: (_: unknown, r: PriceItem) => (
              <Button type="link" icon={<EditOutlined />} onClick={() => onEdit(r)} />
            ),
          },
        ]
      : []),
  ];
}

/** 收费价目表 (PAY-3, PAY-5): service and parts prices per unit, inherited down the tree; money in fen. */
export function PriceListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { unitId } = useCurrentUnit();
  const [kind, setKind] = useState<Kind | undefined>();
  const [text, setText] = useState('');
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<PriceItem | 'new' | null>(null);
  const q = useDebouncedValue(text.trim(), 300);
  const list = usePriceList(unitId, { kind, q: q || undefined, includeInactive: inactive });
  const items = list.data?.items ?? [];
  const manage = can(WO_PERM.pricingManage);
  return (
    <Card
      title={t('workOrders.pricing.title')}
      extra={
        <Space>
          {unitId && (
            <ListExportButton
              path={`${PRICE_LIST}/export.xlsx`}
              filters={{ unitId, kind, q: q || undefined, includeInactive: inactive ? 'true' : undefined }}
              filename={t('workOrders.pricing.title')}
            />
          )}
          {manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="price-add"
            >
              {t('workOrders.pricing.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 220 }}
        />
        <Select<Kind>
          allowClear
          value={kind}
          onChange={setKind}
          placeholder={t('workOrders.pricing.kind')}
          style={{ width: 120 }}
          options={[
            { value: 'service', label: t('workOrders.pricing.kindService') },
            { value: 'part', label: t('workOrders.pricing.kindPart') },
          ]}
        />
        <Checkbox checked={inactive} onChange={(e) => setInactive(e.target.checked)}>
          {t('workOrders.pricing.showInactive')}
        </Checkbox>
      </Space>
      <Table<PriceItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={items}
        columns={columns(t, manage ? setEditing : null)}
        pagination={{ pageSize: 50, showSizeChanger: true }}
        data-testid="price-table"
      />
      {editing && unitId && <ItemModal item={editing} unitId={unitId} onClose={() => setEditing(null)} />}
    </Card>
  );
}
