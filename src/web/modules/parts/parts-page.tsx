import { useState } from 'react';
import { Button, Card, Checkbox, Input, Modal, Select, Space, Tabs, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { ListTable } from '../../components/list-table';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { notifySuccess } from '../../lib/notify';
import {
  MOVEMENT_KINDS,
  type MovementKind,
  type OldPartReturn,
  type Part,
  type PartMovement,
  type StockLine,
  type StockLocation,
} from '../../../shared/parts';
import { formatYuan } from '../workorders/money';
import {
  CollectOldPartModal,
  LocationModal,
  MovementModal,
  PARTS_API,
  PARTS_KEY,
  PartModal,
  RequisitionModal,
  TransferModal,
} from './parts-dialogs';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function useUnitList<T>(
  path: string,
  unitId: string | undefined,
  query: Record<string, string | undefined> = {},
) {
  return useQuery({
    queryKey: [PARTS_KEY, path, unitId, query],
    queryFn: ({ signal }) => get<{ items: T[] }>(`${PARTS_API}/${path}`, { unitId, ...query }, signal),
    enabled: !!unitId,
  });
}

function Catalogue({ unitId, manage }: { unitId: string; manage: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<Part | 'new' | null>(null);
  const q = useDebouncedValue(text.trim(), 300);
  const list = useUnitList<Part>('parts', unitId, {
    q: q || undefined,
    lowOnly: lowOnly ? 'true' : undefined,
    includeInactive: inactive ? 'true' : undefined,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 220 }}
        />
        <Checkbox checked={lowOnly} onChange={(e) => setLowOnly(e.target.checked)} data-testid="low-only">
          {t('parts.lowOnly')}
        </Checkbox>
        <Checkbox checked={inactive} onChange={(e) => setInactive(e.target.checked)}>
          {t('parts.showInactive')}
        </Checkbox>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="part-add"
          >
            {t('parts.addPart')}
          </Button>
        )}
      </Space>
      <ListTable<Part>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="parts-table"
        columns={[
          { title: t('parts.field.code'), dataIndex: 'code', width: 110 },
          { title: t('parts.field.name'), dataIndex: 'name' },
          { title: t('parts.field.model'), dataIndex: 'model', width: 120 },
          {
            title: t('parts.field.price'),
            key: 'price',
            width: 130,
            align: 'right',
            render: (_, p) => `${formatYuan(p.priceFen)} / ${p.uom}`,
          },
          { title: t('parts.field.threshold'), dataIndex: 'lowStockThreshold', width: 130, align: 'right' },
          {
            title: t('parts.field.onHand'),
            key: 'onHand',
            width: 130,
            align: 'right',
            render: (_, p) => (
              <Space size={4}>
                {p.onHand}
                {p.low && <Tag color="red">{t('parts.low')}</Tag>}
                {!p.active && <Tag>{t('parts.showInactive')}</Tag>}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 56,
                  fixed: 'right' as const,
                  render: (_: unknown, p: Part) => (
                    <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(p)} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <PartModal part={editing} unitId={unitId} onClose={() => setEditing(null)} />}
    </>
  );
}

function Stock({ unitId, manage }: { unitId: string; manage: boolean }) {
  const { t } = useTranslation();
  const [locationId, setLocationId] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const locations = useUnitList<StockLocation>('stock-locations', unitId);
  const stock = useUnitList<StockLine>('part-stock', unitId, { locationId });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('parts.field.location')}
          style={{ width: 240 }}
          value={locationId}
          onChange={setLocationId}
          options={(locations.data?.items ?? []).map((l) => ({
            value: l.id,
            label: `${l.name}（${t(`parts.locationKind.${l.kind}`)}）`,
          }))}
        />
        {manage && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('parts.addLocation')}
          </Button>
        )}
      </Space>
      <ListTable<StockLine>
        rowKey={(l) => `${l.location.id}/${l.part.id}`}
        size="middle"
        loading={stock.isFetching}
        dataSource={stock.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="stock-table"
        columns={[
          { title: t('parts.field.location'), key: 'location', render: (_, l) => l.location.name },
          {
            title: t('parts.field.locationKind'),
            key: 'kind',
            width: 140,
            render: (_, l) => (
              <Tag color={l.location.kind === 'van' ? 'blue' : 'default'}>
                {t(`parts.locationKind.${l.location.kind}`)}
              </Tag>
            ),
          },
          { title: t('parts.field.code'), key: 'code', width: 110, render: (_, l) => l.part.code },
          { title: t('parts.field.name'), key: 'name', render: (_, l) => l.part.name },
          {
            title: t('parts.field.quantity'),
            key: 'q',
            width: 100,
            align: 'right',
            render: (_, l) => `${l.quantity} ${l.part.uom}`,
          },
        ]}
      />
      {adding && <LocationModal unitId={unitId} onClose={() => setAdding(false)} />}
    </>
  );
}

function Journal({ unitId, move }: { unitId: string; move: boolean }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<MovementKind | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<'move' | 'transfer' | 'requisition' | null>(null);
  const parts = useUnitList<Part>('parts', unitId);
  const locations = useUnitList<StockLocation>('stock-locations', unitId);
  const journal = useQuery({
    queryKey: [PARTS_KEY, 'movements', unitId, kind, page],
    queryFn: ({ signal }) =>
      get<{ items: PartMovement[]; total: number }>(
        `${PARTS_API}/part-movements`,
        { unitId, kind, ...page },
        signal,
      ),
  });
  const place = (p: { name: string } | null) => p?.name ?? '—';
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('parts.field.kind')}
          style={{ width: 180 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`parts.movementKind.${k}`) }))}
        />
        <ListExportButton
          path={`${PARTS_API}/part-movements/export.xlsx`}
          filters={{ unitId, kind }}
          filename={t('parts.tabs.journal')}
        />
        {move && (
          <>
            <Button type="primary" onClick={() => setDialog('move')} data-testid="movement-add">
              {t('parts.move')}
            </Button>
            <Button onClick={() => setDialog('transfer')} data-testid="transfer-add">
              {t('parts.transfer')}
            </Button>
            <Button onClick={() => setDialog('requisition')} data-testid="requisition-add">
              {t('parts.requisition')}
            </Button>
          </>
        )}
      </Space>
      <ListTable<PartMovement>
        rowKey="id"
        size="middle"
        loading={journal.isFetching}
        dataSource={journal.data?.items ?? []}
        data-testid="movements-table"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: journal.data?.total ?? 0,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('parts.field.at'), key: 'at', width: 150, render: (_, m) => at(m.at) },
          {
            title: t('parts.field.kind'),
            key: 'kind',
            width: 150,
            render: (_, m) => <Tag>{t(`parts.movementKind.${m.kind}`)}</Tag>,
          },
          { title: t('parts.field.part'), key: 'part', render: (_, m) => `${m.part.code} ${m.part.name}` },
          {
            title: t('parts.field.quantity'),
            key: 'q',
            width: 80,
            align: 'right',
            render: (_, m) => `${m.quantity} ${m.part.uom}`,
          },
          { title: t('parts.field.from'), key: 'from', width: 140, render: (_, m) => place(m.from) },
          { title: t('parts.field.to'), key: 'to', width: 140, render: (_, m) => place(m.to) },
          {
            title: t('parts.field.workOrder'),
            key: 'wo',
            width: 160,
            render: (_, m) =>
              m.workOrder ? <Link to={`/workorders/${m.workOrder.id}`}>{m.workOrder.number}</Link> : '—',
          },
          { title: t('parts.field.reason'), dataIndex: 'reason', width: 140, responsive: ['xxl'] },
          { title: t('parts.field.actor'), key: 'actor', width: 100, render: (_, m) => m.actor?.name ?? '—' },
        ]}
      />
      {dialog === 'move' && (
        <MovementModal
          unitId={unitId}
          parts={parts.data?.items ?? []}
          locations={locations.data?.items ?? []}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'transfer' && (
        <TransferModal
          unitId={unitId}
          parts={parts.data?.items ?? []}
          locations={locations.data?.items ?? []}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'requisition' && (
        <RequisitionModal
          unitId={unitId}
          parts={parts.data?.items ?? []}
          warehouses={(locations.data?.items ?? []).filter((l) => l.kind === 'warehouse' && l.active)}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

function OldParts({ unitId, move }: { unitId: string; move: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [pending, setPending] = useState(true);
  const [collecting, setCollecting] = useState(false);
  const [receiving, setReceiving] = useState<OldPartReturn | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const parts = useUnitList<Part>('parts', unitId);
  const locations = useUnitList<StockLocation>('stock-locations', unitId);
  const warehouses = (locations.data?.items ?? []).filter((l) => l.kind === 'warehouse' && l.active);
  const list = useUnitList<OldPartReturn>('old-parts', unitId, { pending: pending ? 'true' : undefined });
  const receive = useMutation({
    mutationFn: () => post(`${PARTS_API}/old-parts/${receiving!.id}/receive`, { warehouseId }),
    onSuccess: async () => {
      notifySuccess(t('parts.moved'));
      await qc.invalidateQueries({ queryKey: [PARTS_KEY] });
      setReceiving(null);
    },
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Checkbox checked={pending} onChange={(e) => setPending(e.target.checked)}>
          {t('parts.pendingOnly')}
        </Checkbox>
        {move && <Button onClick={() => setCollecting(true)}>{t('parts.collectOld')}</Button>}
      </Space>
      <ListTable<OldPartReturn>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('parts.field.part'), key: 'part', render: (_, r) => `${r.part.code} ${r.part.name}` },
          {
            title: t('parts.field.quantity'),
            key: 'q',
            width: 80,
            align: 'right',
            render: (_, r) => `${r.quantity} ${r.part.uom}`,
          },
          {
            title: t('parts.field.workOrder'),
            key: 'wo',
            width: 160,
            render: (_, r) => <Link to={`/workorders/${r.workOrder.id}`}>{r.workOrder.number}</Link>,
          },
          {
            title: t('parts.field.collected'),
            key: 'c',
            width: 200,
            render: (_, r) => `${r.collectedBy.name} ${at(r.collectedAt)}`,
          },
          { title: t('parts.field.note'), dataIndex: 'note', width: 140 },
          {
            title: t('parts.field.received'),
            key: 'r',
            width: 200,
            fixed: 'right',
            render: (_, r) =>
              r.receivedAt ? (
                `${r.warehouse?.name ?? ''} ${at(r.receivedAt)}`
              ) : move ? (
                <Button
                  size="small"
                  onClick={() => {
                    setWarehouseId(warehouses[0]?.id);
                    setReceiving(r);
                  }}
                >
                  {t('parts.receive')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {collecting && (
        <CollectOldPartModal
          unitId={unitId}
          parts={parts.data?.items ?? []}
          onClose={() => setCollecting(false)}
        />
      )}
      <Modal
        open={!!receiving}
        title={t('parts.receive')}
        onCancel={() => setReceiving(null)}
        confirmLoading={receive.isPending}
        okButtonProps={{ disabled: !warehouseId }}
        onOk={() => receive.mutate()}
      >
        <Select
          style={{ width: '100%' }}
          value={warehouseId}
          onChange={setWarehouseId}
          options={warehouses.map((w) => ({ value: w.id, label: w.name }))}
        />
      </Modal>
    </>
  );
}

/** 备件库存 (issue 18): the catalogue, stock per warehouse and van, the movement journal and old parts. */
export function PartsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { unitId } = useCurrentUnit();
  if (!unitId) return null;
  const manage = can('parts.manage');
  const move = can('parts.move');
  return (
    <Card title={t('parts.title')}>
      <Tabs
        items={[
          {
            key: 'catalogue',
            label: t('parts.tabs.catalogue'),
            children: <Catalogue unitId={unitId} manage={manage} />,
          },
          { key: 'stock', label: t('parts.tabs.stock'), children: <Stock unitId={unitId} manage={manage} /> },
          {
            key: 'journal',
            label: t('parts.tabs.journal'),
            children: <Journal unitId={unitId} move={move} />,
          },
          { key: 'old', label: t('parts.tabs.oldParts'), children: <OldParts unitId={unitId} move={move} /> },
        ]}
      />
    </Card>
  );
}
