import { useEffect } from 'react';
import {
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Switch,
  Typography,
  type FormInstance,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, get, post } from '../../api/client';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { showError, notifySuccess } from '../../lib/notify';
import {
  RECORDABLE_MOVEMENT_KINDS,
  type MovementKind,
  type Part,
  type StockLine,
  type StockLocation,
} from '../../../shared/parts';
import { fenToYuanInput, parseYuan } from '../workorders/money';

export const PARTS_KEY = 'parts';
export const PARTS_API = '/api/v1';

/**
 * The work order with exactly this number in the unit; when there is none, the form's
 * 工单号 field shows why and the save stops.
 */
async function workOrderIdByNumber(
  form: FormInstance,
  unitId: string,
  number: string,
  notFound: string,
): Promise<string> {
  const res = await get<{ items: { id: string; number: string }[] }>(`${PARTS_API}/workorders`, {
    unitId,
    q: number.trim(),
    pageSize: 5,
  });
  const id = res.items.find((w) => w.number === number.trim())?.id;
  if (id) return id;
  form.setFields([{ name: 'workOrderNumber', errors: [notFound] }]);
  throw new Error(notFound);
}

function useSaved(onClose: () => void, message: string) {
  const qc = useQueryClient();
  return async () => {
    notifySuccess(message);
    await qc.invalidateQueries({ queryKey: [PARTS_KEY] });
    onClose();
  };
}

interface PartForm {
  code: string;
  name: string;
  model: string;
  uom: string;
  price: string;
  lowStockThreshold: number;
  active: boolean;
}

export function PartModal({
  part,
  unitId,
  onClose,
}: {
  part: Part | 'new';
  unitId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PartForm>();
  const done = useSaved(onClose, t('parts.saved'));
  const editing = part !== 'new';
  const save = useMutation({
    mutationFn: (v: PartForm) => {
      const body = {
        name: v.name.trim(),
        model: v.model?.trim() || null,
        uom: v.uom.trim(),
        priceFen: parseYuan(v.price)!,
        lowStockThreshold: v.lowStockThreshold ?? 0,
      };
      return editing
        ? api(`${PARTS_API}/parts/${part.id}`, { method: 'PATCH', body: { ...body, active: v.active } })
        : post(`${PARTS_API}/parts`, { ...body, unitId, code: v.code.trim() });
    },
    onSuccess: done,
  });
  return (
    <Modal
      open
      title={t(editing ? 'parts.editPart' : 'parts.addPart')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form<PartForm>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { ...part, model: part.model ?? '', price: fenToYuanInput(part.priceFen) }
            : { code: '', name: '', model: '', uom: '个', price: '', lowStockThreshold: 0, active: true }
        }
      >
        <Form.Item name="code" label={t('parts.field.code')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} disabled={editing} data-testid="part-code" />
        </Form.Item>
        <Form.Item name="name" label={t('parts.field.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="part-name" />
        </Form.Item>
        <Form.Item name="model" label={t('parts.field.model')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="uom" label={t('parts.field.uom')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={10} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item
          name="price"
          label={t('parts.field.price')}
          rules={[
            {
              validator: (_, v: string) =>
                parseYuan(v ?? '') === null
                  ? Promise.reject(new Error(t('parts.badPrice')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input prefix="¥" style={{ width: 160 }} data-testid="part-price" />
        </Form.Item>
        <Form.Item name="lowStockThreshold" label={t('parts.field.threshold')}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function LocationModal({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: 'warehouse' | 'van'; name: string; technicianId?: string }>();
  const kind = Form.useWatch('kind', form);
  const done = useSaved(onClose, t('parts.saved'));
  const technicians = useQuery({
    queryKey: [PARTS_KEY, 'technicians', unitId],
    queryFn: ({ signal }) =>
      get<{ items: { id: string; name: string }[] }>(
        `${PARTS_API}/workorders/technicians`,
        { unitId },
        signal,
      ),
  });
  const save = useMutation({
    mutationFn: (v: { kind: 'warehouse' | 'van'; name: string; technicianId?: string }) =>
      post(`${PARTS_API}/stock-locations`, {
        unitId,
        ...v,
        technicianId: v.kind === 'van' ? v.technicianId : null,
      }),
    onSuccess: done,
  });
  return (
    <Modal
      open
      title={t('parts.addLocation')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'warehouse', name: '' }}>
        <Form.Item name="kind" label={t('parts.field.locationKind')}>
          <Segmented
            options={(['warehouse', 'van'] as const).map((k) => ({
              value: k,
              label: t(`parts.locationKind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('parts.field.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        {kind === 'van' && (
          <Form.Item name="technicianId" label={t('parts.field.technician')} rules={[{ required: true }]}>
            <Select
              loading={technicians.isLoading}
              options={(technicians.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface MovementForm {
  kind: MovementKind;
  partId: string;
  fromLocationId?: string;
  toLocationId?: string;
  direction?: 'in' | 'out';
  location?: string;
  quantity: number;
  workOrderNumber?: string;
  reason?: string;
}

const SIDES: Record<MovementKind, { from: boolean; to: boolean; workOrder: boolean }> = {
  receive: { from: false, to: true, workOrder: false },
  transfer: { from: true, to: true, workOrder: false },
  requisition: { from: true, to: true, workOrder: true },
  use: { from: true, to: false, workOrder: true },
  return_unused: { from: true, to: true, workOrder: true },
  adjust: { from: false, to: false, workOrder: false },
  transfer_out: { from: true, to: false, workOrder: false },
  transfer_in: { from: false, to: true, workOrder: false },
};

/** 登记出入库: one movement of any kind; the server checks the shape and the stock. */
export function MovementModal({
  unitId,
  parts,
  locations,
  onClose,
}: {
  unitId: string;
  parts: Part[];
  locations: StockLocation[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MovementForm>();
  const kind = Form.useWatch('kind', form) ?? 'receive';
  const done = useSaved(onClose, t('parts.moved'));
  const save = useMutation({
    mutationFn: async (v: MovementForm) => {
      let workOrderId: string | null = null;
      if (v.workOrderNumber?.trim()) {
        workOrderId = await workOrderIdByNumber(form, unitId, v.workOrderNumber, t('parts.noWorkOrder'));
      }
      const adjust = v.kind === 'adjust';
      return post(`${PARTS_API}/part-movements`, {
        kind: v.kind,
        partId: v.partId,
        fromLocationId: adjust ? (v.direction === 'out' ? v.location : null) : (v.fromLocationId ?? null),
        toLocationId: adjust ? (v.direction === 'in' ? v.location : null) : (v.toLocationId ?? null),
        quantity: v.quantity,
        workOrderId,
        reason: v.reason?.trim() || null,
      });
    },
    onSuccess: done,
  });
  const locationOptions = locations
    .filter((l) => l.active)
    .map((l) => ({ value: l.id, label: `${l.name}（${t(`parts.locationKind.${l.kind}`)}）` }));
  const sides = SIDES[kind];
  return (
    <Modal
      open
      title={t('parts.move')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form<MovementForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'receive', quantity: 1, direction: 'in' }}
      >
        <Form.Item name="kind" label={t('parts.field.kind')}>
          <Select
            data-testid="movement-kind"
            options={RECORDABLE_MOVEMENT_KINDS.map((k) => ({
              value: k,
              label: t(`parts.movementKind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="partId" label={t('parts.field.part')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="movement-part"
            options={parts.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          />
        </Form.Item>
        {sides.from && (
          <Form.Item name="fromLocationId" label={t('parts.field.from')} rules={[{ required: true }]}>
            <Select options={locationOptions} />
          </Form.Item>
        )}
        {sides.to && (
          <Form.Item name="toLocationId" label={t('parts.field.to')} rules={[{ required: true }]}>
            <Select options={locationOptions} data-testid="movement-to" />
          </Form.Item>
        )}
        {kind === 'adjust' && (
          <>
            <Form.Item name="direction" label={t('parts.field.adjustDirection')}>
              <Segmented
                options={[
                  { value: 'in', label: t('parts.adjustIn') },
                  { value: 'out', label: t('parts.adjustOut') },
                ]}
              />
            </Form.Item>
            <Form.Item name="location" label={t('parts.field.location')} rules={[{ required: true }]}>
              <Select options={locationOptions} />
            </Form.Item>
          </>
        )}
        <Form.Item name="quantity" label={t('parts.field.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} data-testid="movement-quantity" />
        </Form.Item>
        {sides.workOrder && (
          <Form.Item
            name="workOrderNumber"
            label={t('parts.field.workOrderNumber')}
            rules={[{ required: kind !== 'return_unused', whitespace: true }]}
          >
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('parts.field.reason')}
          rules={[{ required: kind === 'adjust', whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 派工单领料 from the parts page: the order by its number, the van is its technician's. */
export function RequisitionModal({
  unitId,
  parts,
  warehouses,
  onClose,
}: {
  unitId: string;
  parts: Part[];
  warehouses: StockLocation[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    workOrderNumber: string;
    partId: string;
    warehouseId: string;
    quantity: number;
  }>();
  const done = useSaved(onClose, t('parts.moved'));
  const save = useMutation({
    mutationFn: async (v: {
      workOrderNumber: string;
      partId: string;
      warehouseId: string;
      quantity: number;
    }) => {
      const workOrderId = await workOrderIdByNumber(form, unitId, v.workOrderNumber, t('parts.noWorkOrder'));
      return post(`${PARTS_API}/part-requisitions`, {
        workOrderId,
        partId: v.partId,
        warehouseId: v.warehouseId,
        quantity: v.quantity,
      });
    },
    onSuccess: done,
  });
  return (
    <Modal
      open
      title={t('parts.requisition')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Typography.Paragraph type="secondary">{t('parts.requisitionHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ quantity: 1, warehouseId: warehouses[0]?.id }}>
        <Form.Item
          name="workOrderNumber"
          label={t('parts.field.workOrderNumber')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={40} data-testid="requisition-number" />
        </Form.Item>
        <Form.Item name="partId" label={t('parts.field.part')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={parts.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          />
        </Form.Item>
        <Form.Item name="warehouseId" label={t('parts.field.warehouse')} rules={[{ required: true }]}>
          <Select options={warehouses.map((w) => ({ value: w.id, label: w.name }))} />
        </Form.Item>
        <Form.Item name="quantity" label={t('parts.field.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 旧件返回: the faulty part the technician brought back from a visit. */
export function CollectOldPartModal({
  unitId,
  parts,
  onClose,
}: {
  unitId: string;
  parts: Part[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ workOrderNumber: string; partId: string; quantity: number; note?: string }>();
  const done = useSaved(onClose, t('parts.moved'));
  const save = useMutation({
    mutationFn: async (v: { workOrderNumber: string; partId: string; quantity: number; note?: string }) => {
      const workOrderId = await workOrderIdByNumber(form, unitId, v.workOrderNumber, t('parts.noWorkOrder'));
      return post(`${PARTS_API}/old-parts`, {
        workOrderId,
        partId: v.partId,
        quantity: v.quantity,
        note: v.note?.trim() || null,
      });
    },
    onSuccess: done,
  });
  return (
    <Modal
      open
      title={t('parts.collectOld')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form form={form} layout="vertical" initialValues={{ quantity: 1 }}>
        <Form.Item
          name="workOrderNumber"
          label={t('parts.field.workOrderNumber')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="partId" label={t('parts.field.part')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={parts.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('parts.field.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name="note" label={t('parts.field.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 派工单领料 from the work-order page (REP-4, PAY-3): the order is given; parts and warehouses are
 * the order's unit's. The server refuses a charged order whose quote is not approved and signed.
 */
export function WorkOrderRequisitionModal({
  workOrder,
  onClose,
}: {
  workOrder: { id: string; number: string; unitId: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ partId: string; warehouseId: string; quantity: number }>();
  const qc = useQueryClient();
  const parts = useQuery({
    queryKey: [PARTS_KEY, 'parts', workOrder.unitId],
    queryFn: ({ signal }) =>
      get<{ items: Part[] }>(`${PARTS_API}/parts`, { unitId: workOrder.unitId }, signal),
  });
  const locations = useQuery({
    queryKey: [PARTS_KEY, 'stock-locations', workOrder.unitId],
    queryFn: ({ signal }) =>
      get<{ items: StockLocation[] }>(
        `${PARTS_API}/stock-locations`,
        { unitId: workOrder.unitId, withAncestors: 'true' },
        signal,
      ),
  });
  const warehouses = (locations.data?.items ?? []).filter((l) => l.kind === 'warehouse' && l.active);
  const firstWarehouse = warehouses[0]?.id;
  // The unit's first warehouse is proposed once the locations have loaded.
  useEffect(() => {
    if (firstWarehouse && !form.getFieldValue('warehouseId'))
      form.setFieldValue('warehouseId', firstWarehouse);
  }, [firstWarehouse, form]);
  const save = useMutation({
    mutationFn: (v: { partId: string; warehouseId: string; quantity: number }) =>
      post(`${PARTS_API}/part-requisitions`, { workOrderId: workOrder.id, ...v }),
    onSuccess: async () => {
      notifySuccess(t('parts.moved'));
      await qc.invalidateQueries({ queryKey: [PARTS_KEY] });
      await qc.invalidateQueries({ queryKey: ['workorders'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${t('parts.requisition')} · ${workOrder.number}`}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Typography.Paragraph type="secondary">{t('parts.requisitionHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ quantity: 1 }}>
        <Form.Item name="partId" label={t('parts.field.part')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="requisition-part"
            loading={parts.isLoading}
            options={(parts.data?.items ?? [])
              .filter((p) => p.active)
              .map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          />
        </Form.Item>
        <Form.Item name="warehouseId" label={t('parts.field.warehouse')} rules={[{ required: true }]}>
          <Select
            data-testid="requisition-warehouse"
            options={warehouses.map((w) => ({ value: w.id, label: w.name }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('parts.field.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} data-testid="requisition-quantity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface TransferForm {
  partId: string;
  fromLocationId: string;
  toUnitId: string;
  toLocationId: string;
  quantity: number;
  reason?: string;
}

const locationLabel = (l: StockLocation, kind: string) =>
  l.technician ? `${l.name}（${kind} · ${l.technician.name}）` : `${l.name}（${kind}）`;

/**
 * 调拨: a quantity of one part from a location to another. Within the unit (warehouse ↔ van) it is
 * one `transfer` movement; to another unit's warehouse it is the 跨单位调拨 (two journal rows).
 * The server refuses with 409 when the source holds too little; the form says how many it holds.
 */
export function TransferModal({
  unitId,
  parts,
  locations,
  onClose,
}: {
  unitId: string;
  parts: Part[];
  locations: StockLocation[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TransferForm>();
  const partId = Form.useWatch('partId', form);
  const fromLocationId = Form.useWatch('fromLocationId', form);
  const toUnitId = Form.useWatch('toUnitId', form) ?? unitId;
  const toLocationId = Form.useWatch('toLocationId', form);
  const done = useSaved(onClose, t('parts.transferred'));
  const from = locations.find((l) => l.id === fromLocationId);
  const uom = parts.find((p) => p.id === partId)?.uom ?? '';
  const held = useQuery({
    queryKey: [PARTS_KEY, 'stock', unitId, fromLocationId, partId],
    queryFn: ({ signal }) =>
      get<{ items: StockLine[] }>(
        `${PARTS_API}/part-stock`,
        { unitId, locationId: fromLocationId, partId },
        signal,
      ),
    enabled: !!partId && !!fromLocationId,
  });
  const available = held.data ? (held.data.items[0]?.quantity ?? 0) : undefined;
  const targets = useQuery({
    queryKey: [PARTS_KEY, 'stock-locations', toUnitId],
    queryFn: ({ signal }) =>
      get<{ items: StockLocation[] }>(`${PARTS_API}/stock-locations`, { unitId: toUnitId }, signal),
    enabled: toUnitId !== unitId,
  });
  const candidates = toUnitId === unitId ? locations : (targets.data?.items ?? []);
  const label = (l: StockLocation) =>
    `${locationLabel(l, t(`parts.locationKind.${l.kind}`))}${l.unitId === unitId ? '' : ` · ${l.unitName}`}`;
  const toOptions = candidates
    .filter((l) => l.active && l.id !== fromLocationId)
    // Between two units stock moves warehouse to warehouse only (跨单位调拨).
    .filter((l) => !from || l.unitId === from.unitId || (l.kind === 'warehouse' && from.kind === 'warehouse'))
    .map((l) => ({ value: l.id, label: label(l) }));
  const to = candidates.find((l) => l.id === toLocationId);
  const crossUnit = !!from && !!to && from.unitId !== to.unitId;
  const save = useMutation({
    mutationFn: (v: TransferForm) => {
      const common = {
        partId: v.partId,
        fromLocationId: v.fromLocationId,
        toLocationId: v.toLocationId,
        quantity: v.quantity,
        reason: v.reason?.trim() || null,
      };
      return crossUnit
        ? post(`${PARTS_API}/part-transfers`, common)
        : post(`${PARTS_API}/part-movements`, { kind: 'transfer', ...common });
    },
    meta: { silent: true },
    onSuccess: done,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'parts.insufficient_stock') {
        const d = error.details as { available?: number } | null | undefined;
        form.setFields([
          {
            name: 'quantity',
            errors: [
              typeof d?.available === 'number'
                ? t('parts.transferShort', { available: d.available, uom })
                : t('parts.transferShortUnknown'),
            ],
          },
        ]);
        void held.refetch();
        return;
      }
      showError(error);
    },
  });
  return (
    <Modal
      open
      title={t('parts.transfer')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'transfer-save' } as Record<string, string>}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form<TransferForm> form={form} layout="vertical" initialValues={{ quantity: 1, toUnitId: unitId }}>
        <Form.Item
          name="partId"
          label={t('parts.field.part')}
          rules={[{ required: true, message: t('parts.transferPartRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="transfer-part"
            options={parts
              .filter((p) => p.active)
              .map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          />
        </Form.Item>
        <Form.Item
          name="fromLocationId"
          label={t('parts.field.from')}
          rules={[{ required: true, message: t('parts.transferFromRequired') }]}
          extra={
            available !== undefined && from
              ? t('parts.transferHolds', { available, uom, name: from.name })
              : undefined
          }
        >
          <Select
            data-testid="transfer-from"
            options={locations.filter((l) => l.active).map((l) => ({ value: l.id, label: label(l) }))}
            onChange={() =>
              form.setFields([
                { name: 'quantity', errors: [] },
                { name: 'toLocationId', value: undefined },
              ])
            }
          />
        </Form.Item>
        <Form.Item
          name="toUnitId"
          label={t('parts.field.toUnit')}
          extra={crossUnit ? t('parts.transferCrossUnit') : undefined}
        >
          <UnitTreeSelect
            style={{ width: '100%' }}
            data-testid="transfer-to-unit"
            onChange={() => form.setFieldValue('toLocationId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="toLocationId"
          label={t('parts.field.to')}
          rules={[{ required: true, message: t('parts.transferToRequired') }]}
        >
          <Select data-testid="transfer-to" loading={targets.isFetching} options={toOptions} />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('parts.field.quantity')}
          rules={[
            { required: true, message: t('parts.transferQuantityRequired') },
            {
              validator: (_, v: number | undefined) =>
                v !== undefined && available !== undefined && v > available
                  ? Promise.reject(new Error(t('parts.transferShort', { available, uom })))
                  : Promise.resolve(),
            },
          ]}
        >
          <InputNumber min={1} max={1_000_000} precision={0} data-testid="transfer-quantity" />
        </Form.Item>
        <Form.Item name="reason" label={t('parts.field.reason')}>
          <Input maxLength={200} data-testid="transfer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
