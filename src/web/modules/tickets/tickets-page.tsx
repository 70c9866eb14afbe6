import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Input, Select, Space } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { UserSelect } from '../../components/user-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { TicketBulkActions } from './ticket-bulk-actions';
import { ticketColumns } from './ticket-columns';
import { TicketSavedViews } from './ticket-saved-views';
import { ChannelMultiSelect, StateMultiSelect, TicketTypeMultiSelect } from './ticket-pickers';
import { TICKET_VIEWS } from '../../../shared/tickets';
import { TICKETS, TICKETS_KEY } from './tickets-api';
import type {
  TicketChannel,
  TicketState,
  TicketSummary,
  TicketType,
  TicketView,
} from '../../../shared/tickets';
import { ListTable } from '../../components/list-table';

const list = (values: string[]) => (values.length ? values.join(',') : undefined);
const split = <T extends string>(value: string | undefined) => (value ? (value.split(',') as T[]) : []);

/** 工单列表: every ticket the caller may see, filtered and exported. */
export function TicketsPage() {
  const { t } = useTranslation();
  const { unitId: currentUnitId } = useCurrentUnit();
  const can = useCan();
  const canExport = can('tickets.export');
  // Filters may come in the address (a dashboard tile, RPT-1: /tickets?view=breached&type=repair):
  // they are the starting filters, and a unit absent from such an address means every unit in scope.
  const [params] = useSearchParams();
  const [initial] = useState(() => Object.fromEntries(params) as Record<string, string>);
  const fromUrl = params.size > 0;
  const [search, setSearch] = useState(initial.q ?? '');
  const [q, setQ] = useState(initial.q ?? '');
  const [view, setView] = useState<TicketView | undefined>(initial.view as TicketView | undefined);
  const [types, setTypes] = useState<TicketType[]>(split<TicketType>(initial.type));
  const [states, setStates] = useState<TicketState[]>(split<TicketState>(initial.state));
  const [channels, setChannels] = useState<TicketChannel[]>(split<TicketChannel>(initial.channel));
  // null = follow the unit chosen in the header; {value: undefined} = every unit in scope.
  const [unitChoice, setUnitChoice] = useState<{ value: string | undefined } | null>(
    fromUrl ? { value: initial.unitId } : null,
  );
  const unitId = unitChoice ? unitChoice.value : currentUnitId;
  const [assigneeUserId, setAssignee] = useState<string | undefined>(initial.assigneeUserId);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(
    initial.from || initial.to
      ? [initial.from ? dayjs(initial.from) : null, initial.to ? dayjs(initial.to) : null]
      : null,
  );
  const [selected, setSelected] = useState<TicketSummary[]>([]);
  const canBulk = can('tickets.assign') || can('tickets.manage');

  /** Puts a saved view's filters (the list's query values) back into the pickers. */
  const applyView = (f: Record<string, string>) => {
    setSearch(f.q ?? '');
    setQ(f.q ?? '');
    setView(f.view as TicketView | undefined);
    setTypes(split<TicketType>(f.type));
    setStates(split<TicketState>(f.state));
    setChannels(split<TicketChannel>(f.channel));
    setUnitChoice({ value: f.unitId });
    setAssignee(f.assigneeUserId);
    setRange(f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null);
    setSelected([]);
  };

  // A later change of the address (another tile, the browser's back button) applies its filters too.
  const urlKey = params.toString();
  const appliedUrl = useRef(urlKey);
  useEffect(() => {
    if (urlKey === appliedUrl.current) return;
    appliedUrl.current = urlKey;
    applyView(Object.fromEntries(new URLSearchParams(urlKey)));
  }, [urlKey]);

  const filters = {
    q: q || undefined,
    view,
    type: list(types),
    state: list(states),
    channel: list(channels),
    unitId,
    assigneeUserId,
    from: range?.[0]?.startOf('day').format(),
    to: range?.[1]?.endOf('day').format(),
  };
  const { query, items, pagination } = usePagedList<TicketSummary>(TICKETS_KEY, TICKETS, filters);

  return (
    <Card
      title={t('tickets.listTitle')}
      extra={
        // Exporting is a right of its own (tickets.export): without it the list has no export at all.
        canExport && (
          <ListExportButton
            path={`${TICKETS}/export.xlsx`}
            filters={filters}
            filename={t('tickets.listTitle')}
          />
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <TicketSavedViews filters={filters} onApply={applyView} />
        <Input.Search
          allowClear
          placeholder={t('tickets.filter.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => setQ(value.trim())}
          maxLength={100}
          style={{ width: 260 }}
          data-testid="tickets-search"
        />
        <Select<TicketView>
          allowClear
          placeholder={t('tickets.filter.view')}
          value={view}
          onChange={(v) => setView(v ?? undefined)}
          options={TICKET_VIEWS.map((v) => ({ value: v, label: t(`tickets.view.${v}`) }))}
          style={{ width: 130 }}
          data-testid="tickets-view-filter"
        />
        <TicketTypeMultiSelect
          allowClear
          placeholder={t('tickets.filter.type')}
          value={types}
          onChange={setTypes}
          style={{ width: 200 }}
        />
        <StateMultiSelect
          allowClear
          placeholder={t('tickets.filter.state')}
          value={states}
          onChange={setStates}
          style={{ width: 180 }}
        />
        <ChannelMultiSelect
          allowClear
          placeholder={t('tickets.filter.channel')}
          value={channels}
          onChange={setChannels}
          style={{ width: 160 }}
        />
        <UnitTreeSelect
          allowClear
          placeholder={t('tickets.filter.unit')}
          value={unitId}
          onChange={(value) => setUnitChoice({ value: value ?? undefined })}
          style={{ width: 180 }}
        />
        <UserSelect
          userStatus="active"
          placeholder={t('tickets.filter.assignee')}
          value={assigneeUserId}
          onChange={(v) => setAssignee(v ?? undefined)}
          style={{ width: 160 }}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={[t('tickets.filter.from'), t('tickets.filter.to')]}
          style={{ width: 240 }}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void query.refetch()}
          aria-label={t('common.refresh')}
        />
      </Space>
      {canBulk && (
        <div style={{ marginBottom: 12 }}>
          <TicketBulkActions selected={selected} unitId={unitId} onDone={() => setSelected([])} />
        </div>
      )}
      <ListTable<TicketSummary>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={ticketColumns(t)}
        pagination={pagination}
        rowSelection={
          canBulk
            ? {
                selectedRowKeys: selected.map((s) => s.id),
                onChange: (_, rows) => setSelected(rows),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        data-testid="tickets-table"
      />
    </Card>
  );
}
