import { useState } from 'react';
import { Button, Card, DatePicker, Input, Select, Space, Table } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { UserSelect } from '../../components/user-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { ExcelExportButton } from './excel-export-button';
import { ticketColumns, ticketCsvColumns } from './ticket-columns';
import { ChannelMultiSelect, StateMultiSelect, TicketTypeMultiSelect } from './ticket-pickers';
import { TICKET_VIEWS, TICKETS, TICKETS_KEY } from './ticket-types';
import type { TicketChannel, TicketState, TicketSummary, TicketType, TicketView } from './ticket-types';

const list = (values: string[]) => (values.length ? values.join(',') : undefined);

/** 工单列表: every ticket the caller may see, filtered and exported. */
export function TicketsPage() {
  const { t } = useTranslation();
  const { unitId: currentUnitId } = useCurrentUnit();
  const canExport = useCan()('tickets.export');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [view, setView] = useState<TicketView | undefined>();
  const [types, setTypes] = useState<TicketType[]>([]);
  const [states, setStates] = useState<TicketState[]>([]);
  const [channels, setChannels] = useState<TicketChannel[]>([]);
  // null = follow the unit chosen in the header; {value: undefined} = every unit in scope.
  const [unitChoice, setUnitChoice] = useState<{ value: string | undefined } | null>(null);
  const unitId = unitChoice ? unitChoice.value : currentUnitId;
  const [assigneeUserId, setAssignee] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);

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
        // Excel of the whole filtered list for those allowed to export it; otherwise the page on screen.
        canExport ? (
          <ExcelExportButton filters={filters} filename={t('tickets.listTitle')} />
        ) : (
          <ExportButton rows={items} columns={ticketCsvColumns(t)} filename={t('tickets.listTitle')} />
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
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
      <Table<TicketSummary>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={ticketColumns(t)}
        pagination={pagination}
        scroll={{ x: 1700 }}
        data-testid="tickets-table"
      />
    </Card>
  );
}
