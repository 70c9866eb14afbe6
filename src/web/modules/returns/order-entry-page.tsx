import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportProblemView, Order } from '../../../shared/orders';
import { localizedMessage, post } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { downloadFile } from '../../lib/download';
import { enterDoesNotSubmit } from '../../lib/form-keys';
import { notifySuccess } from '../../lib/notify';
import { parseYuan } from '../workorders/money';

const FLAGS = ['custom', 'clearance', 'specialOffer'] as const;
interface LineValues {
  product: string;
  model?: string;
  quantity: number;
  price: string;
  paid: string;
  flags?: (typeof FLAGS)[number][];
  packaging: 'unopened' | 'opened';
}
interface OrderValues {
  orderNo: string;
  channel: 'store' | 'online';
  fulfilment: 'delivery' | 'self_pickup';
  customerName?: string;
  customerPhone?: string;
  orderedAt: Dayjs;
  paidAt?: Dayjs | null;
  deliveredAt?: Dayjs | null;
  pickedUpAt?: Dayjs | null;
  lines: LineValues[];
}
const NEW_LINE: LineValues = {
  product: '',
  quantity: 1,
  price: '',
  paid: '',
  flags: [],
  packaging: 'unopened',
};

/** The file as base64, without the data-URL prefix. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** 订单录入: an order typed in at the counter, or a sheet of orders imported from Excel (all or nothing). */
export function OrderEntryPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { unitId, myUnits } = useCurrentUnit();
  // Entering one order and importing a sheet are separate rights (orders.manage, orders.import).
  const can = useCan();
  const [unit, setUnit] = useState<string | undefined>(unitId);
  const [form] = Form.useForm<OrderValues>();
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ImportProblemView[]>([]);
  const [imported, setImported] = useState<string | null>(null);
  const zh = i18n.language.startsWith('zh');

  const create = useMutation({
    mutationFn: (v: OrderValues) =>
      post<Order>('/api/v1/orders', {
        unitId: unit,
        orderNo: v.orderNo,
        channel: v.channel,
        fulfilment: v.fulfilment,
        customerName: v.customerName?.trim() || null,
        customerPhone: v.customerPhone?.trim() || null,
        orderedAt: v.orderedAt.toISOString(),
        paidAt: v.paidAt?.toISOString() ?? null,
        deliveredAt: v.deliveredAt?.toISOString() ?? null,
        pickedUpAt: v.pickedUpAt?.toISOString() ?? null,
        lines: v.lines.map((l) => ({
          product: l.product,
          model: l.model?.trim() || null,
          quantity: l.quantity,
          priceFen: parseYuan(l.price),
          paidFen: parseYuan(l.paid),
          custom: !!l.flags?.includes('custom'),
          clearance: !!l.flags?.includes('clearance'),
          specialOffer: !!l.flags?.includes('specialOffer'),
          packaging: l.packaging,
        })),
      }),
    onSuccess: async (order) => {
      setError(null);
      notifySuccess(t('returns.orders.saved', { orderNo: order.orderNo }));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['orders'] });
    },
    onError: (e) => setError(localizedMessage(e)),
  });

  const upload = useMutation({
    mutationFn: async (file: File) =>
      post<{ imported: number; lines: number }>('/api/v1/orders/import', {
        unitId: unit,
        file: await base64Of(file),
      }),
    onMutate: () => {
      setProblems([]);
      setImported(null);
      setError(null);
    },
    onSuccess: async (r) => {
      setImported(t('returns.orders.imported', { orders: r.imported, lines: r.lines }));
      await qc.invalidateQueries({ queryKey: ['orders'] });
    },
    onError: (e) => {
      const details = e instanceof ApiError ? (e.details as { problems?: ImportProblemView[] } | null) : null;
      setProblems(details?.problems ?? []);
      setError(localizedMessage(e));
    },
  });

  /** An amount in yuan; the paid one is checked against the line's price (never above it). */
  const yuan = (line: number, key: 'price' | 'paid') => (
    <Form.Item
      name={[line, key]}
      label={t(`returns.orders.${key}`)}
      dependencies={key === 'paid' ? [['lines', line, 'price']] : []}
      rules={[
        {
          validator: (_, v: string | undefined) => {
            const fen = parseYuan(v ?? '');
            if (fen === null) return Promise.reject(new Error(t('returns.orders.badAmount')));
            const price = parseYuan(String(form.getFieldValue(['lines', line, 'price']) ?? ''));
            if (key === 'paid' && price !== null && fen > price)
              return Promise.reject(new Error(t('returns.orders.paidAbovePrice')));
            return Promise.resolve();
          },
        },
      ]}
    >
      <Input suffix={t('returns.orders.yuan')} style={{ width: 130 }} inputMode="decimal" />
    </Form.Item>
  );

  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('returns.orders.title')}
        </Typography.Title>
        <Select
          style={{ minWidth: 200 }}
          value={unit}
          onChange={setUnit}
          options={myUnits.map((u) => ({ value: u.id, label: u.name }))}
          aria-label={t('returns.orders.unit')}
        />
      </Flex>
      {error && <Alert type="error" showIcon message={error} data-testid="order-error" />}
      {can('orders.import') && (
        <Card size="small" title={t('returns.orders.importTitle')} data-testid="order-import">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('returns.orders.importHint')}</Typography.Text>
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  downloadFile('/api/v1/orders/import-template.xlsx', {}, '订单导入模板.xlsx').catch(
                    (e: unknown) => setError(localizedMessage(e)),
                  )
                }
              >
                {t('returns.orders.template')}
              </Button>
              <Upload
                accept=".xlsx"
                showUploadList={false}
                disabled={!unit}
                beforeUpload={(file) => {
                  upload.mutate(file);
                  return false;
                }}
              >
                <Button
                  type="primary"
                  icon={<UploadOutlined />}
                  loading={upload.isPending}
                  data-testid="import-file"
                >
                  {t('returns.orders.upload')}
                </Button>
              </Upload>
              <Link to="/customers/import?kind=orders" data-testid="order-bulk-import">
                <Button>{t('returns.orders.bulkImport')}</Button>
              </Link>
            </Space>
            {imported && <Alert type="success" showIcon message={imported} data-testid="import-done" />}
            {problems.length > 0 && (
              <Table
                size="small"
                data-testid="import-problems"
                rowKey={(p) => `${p.row}-${p.column}-${p.en}`}
                pagination={problems.length > 20 ? { pageSize: 20 } : false}
                dataSource={problems}
                columns={[
                  { title: t('returns.orders.row'), dataIndex: 'row', width: 80 },
                  { title: t('returns.orders.problem'), render: (_, p) => (zh ? p.zh : p.en) },
                ]}
              />
            )}
          </Space>
        </Card>
      )}
      {can('orders.manage') && (
        <Card size="small" title={t('returns.orders.entryTitle')}>
          <Form<OrderValues>
            form={form}
            layout="vertical"
            data-testid="order-form"
            onKeyDown={enterDoesNotSubmit(() => form.submit())}
            initialValues={{ channel: 'store', fulfilment: 'delivery', lines: [NEW_LINE] }}
            onFinish={(v) => create.mutate(v)}
          >
            <Flex wrap gap={16}>
              <Form.Item
                name="orderNo"
                label={t('returns.orders.orderNo')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input style={{ width: 180 }} maxLength={60} />
              </Form.Item>
              <Form.Item name="channel" label={t('returns.orders.channel')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'store', label: t('returns.orders.channels.store') },
                    { value: 'online', label: t('returns.orders.channels.online') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="fulfilment" label={t('returns.orders.fulfilment')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'delivery', label: t('returns.orders.fulfilments.delivery') },
                    { value: 'self_pickup', label: t('returns.orders.fulfilments.self_pickup') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="customerName" label={t('returns.orders.customerName')}>
                <Input style={{ width: 140 }} maxLength={100} />
              </Form.Item>
              <Form.Item name="customerPhone" label={t('returns.orders.customerPhone')}>
                <Input style={{ width: 160 }} maxLength={30} inputMode="tel" />
              </Form.Item>
            </Flex>
            <Flex wrap gap={16}>
              <Form.Item name="orderedAt" label={t('returns.orders.orderedAt')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="paidAt" label={t('returns.orders.paidAt')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="deliveredAt" label={t('returns.orders.deliveredAt')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="pickedUpAt" label={t('returns.orders.pickedUpAt')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
            </Flex>
            <Typography.Text strong>{t('returns.orders.lines')}</Typography.Text>
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Flex key={f.key} wrap gap={12} align="flex-end" data-testid="order-line">
                      <Typography.Text type="secondary" style={{ paddingBottom: 30 }}>
                        {i + 1}.
                      </Typography.Text>
                      <Form.Item
                        name={[f.name, 'product']}
                        label={t('returns.orders.product')}
                        rules={[{ required: true, whitespace: true }]}
                      >
                        <Input style={{ width: 180 }} maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'model']} label={t('returns.orders.model')}>
                        <Input style={{ width: 110 }} maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'quantity']} label={t('returns.orders.quantity')}>
                        <InputNumber min={1} max={10000} precision={0} style={{ width: 80 }} />
                      </Form.Item>
                      {yuan(f.name, 'price')}
                      {yuan(f.name, 'paid')}
                      <Form.Item name={[f.name, 'packaging']} label={t('returns.orders.packaging')}>
                        <Select
                          style={{ width: 120 }}
                          options={[
                            { value: 'unopened', label: t('returns.orders.packagings.unopened') },
                            { value: 'opened', label: t('returns.orders.packagings.opened') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'flags']} label={t('returns.orders.flags')}>
                        <Checkbox.Group
                          options={FLAGS.map((k) => ({ value: k, label: t(`returns.orders.flag.${k}`) }))}
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Form.Item label=" ">
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label={t('returns.orders.removeLine')}
                            onClick={() => remove(f.name)}
                          />
                        </Form.Item>
                      )}
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add(NEW_LINE)} style={{ marginBottom: 16 }}>
                    {t('returns.orders.addLine')}
                  </Button>
                </>
              )}
            </Form.List>
            <div>
              <Button
                type="primary"
                htmlType="submit"
                loading={create.isPending}
                disabled={!unit}
                data-testid="order-save"
              >
                {t('returns.orders.save')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
    </Flex>
  );
}
