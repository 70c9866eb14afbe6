import { useState } from 'react';
import { Button, DatePicker, Flex, Radio, Select, Space, Tag, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { post, type QueryValue } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { downloadFile } from '../../lib/download';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import { TICKET_TYPE_LABELS, TICKET_TYPES, type TicketType } from '../../../shared/tickets';
import type { ReportKind } from '../../../shared/reports';
import { REPORTS_API } from './reports-api';

/** What every report is filtered by: a unit, a month (under the cut-off day) or dates, ticket types. */
export interface ReportFilters {
  unitId?: string;
  mode: 'period' | 'range';
  /** Null until a month is picked: the server then answers its current report month (the company's cut-off day). */
  period: string | null;
  from: string;
  to: string;
  types: TicketType[];
}

export function useReportFilters(): [ReportFilters, (f: Partial<ReportFilters>) => void] {
  const { unitId } = useCurrentUnit();
  const [filters, setFilters] = useState<ReportFilters>(() => ({
    unitId,
    mode: 'period',
    period: null,
    from: dayjs().startOf('month').format('YYYY-MM-DD'),
    to: dayjs().format('YYYY-MM-DD'),
    types: [],
  }));
  return [filters, (f) => setFilters((old) => ({ ...old, ...f }))];
}

/** The query string of a filter, as every report route takes it. */
export function reportQuery(f: ReportFilters): Record<string, QueryValue> {
  return {
    unitId: f.unitId,
    ...(f.mode === 'period' ? (f.period ? { period: f.period } : {}) : { from: f.from, to: f.to }),
    types: f.types.length ? f.types.join(',') : undefined,
  };
}

/** Prints the page without the menu and the buttons (@media print in reports.css). */
const printStyles = `
@media print {
  .ant-layout-sider, .ant-layout-header, .report-no-print, .ant-drawer { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .report-page .ant-card { break-inside: avoid; box-shadow: none; }
  .report-page { font-size: 11pt; }
  @page { size: A4 landscape; margin: 12mm; }
}`;

export function ReportToolbar({
  kind,
  filters,
  onChange,
  asOf,
  pendingDays,
  range,
}: {
  kind: ReportKind;
  filters: ReportFilters;
  onChange: (f: Partial<ReportFilters>) => void;
  asOf: string | null | undefined;
  pendingDays: number | undefined;
  range?: { label: string | null; from: string; to: string } | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'refresh' | 'export' | null>(null);

  const refresh = async () => {
    setBusy('refresh');
    try {
      await post(`${REPORTS_API}/refresh`);
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };
  const exportExcel = async () => {
    setBusy('export');
    try {
      await downloadFile(
        `${REPORTS_API}/${kind}/export.xlsx`,
        reportQuery(filters),
        `${t(`reports.kind.${kind}`)}-${range?.label ?? `${filters.from}_${filters.to}`}.xlsx`,
      );
      notifySuccess(t('reports.common.exported'));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <style>{printStyles}</style>
      <Flex wrap gap={8} align="center" className="report-no-print">
        <UnitTreeSelect
          value={filters.unitId}
          onChange={(v) => onChange({ unitId: v })}
          style={{ minWidth: 200 }}
          data-testid="report-unit"
        />
        <Radio.Group
          value={filters.mode}
          onChange={(e) => onChange({ mode: e.target.value as ReportFilters['mode'] })}
          optionType="button"
          options={[
            { value: 'period', label: t('reports.filter.byPeriod') },
            { value: 'range', label: t('reports.filter.byRange') },
          ]}
        />
        {filters.mode === 'period' ? (
          <DatePicker
            picker="month"
            allowClear={false}
            value={(() => {
              // The month shown is the one picked, else the one the server reported.
              const shown = filters.period ?? range?.label;
              return shown ? dayjs(`${shown}-01`) : null;
            })()}
            onChange={(v) => v && onChange({ period: v.format('YYYY-MM') })}
            data-testid="report-period"
          />
        ) : (
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(filters.from), dayjs(filters.to)]}
            onChange={(v) =>
              v?.[0] && v[1] && onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
            }
          />
        )}
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ minWidth: 200 }}
          placeholder={t('reports.filter.types')}
          value={filters.types}
          onChange={(types) => onChange({ types })}
          options={TICKET_TYPES.map((v) => ({ value: v, label: TICKET_TYPE_LABELS[v][lang] }))}
        />
        <Button icon={<ReloadOutlined />} loading={busy === 'refresh'} onClick={() => void refresh()}>
          {t('reports.common.refresh')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          loading={busy === 'export'}
          onClick={() => void exportExcel()}
          data-testid="report-export"
        >
          {t('reports.common.export')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('reports.common.print')}
        </Button>
      </Flex>
      <Flex wrap gap={8} align="center">
        {range && (
          <Tag color="blue">
            {range.label ? `${range.label} · ` : ''}
            {t('reports.filter.rangeHint', { from: range.from, to: range.to })}
          </Tag>
        )}
        <Typography.Text type="secondary" data-testid="report-as-of">
          {asOf ? t('reports.common.asOf', { time: formatTime(asOf) }) : t('reports.common.notYet')}
        </Typography.Text>
        {!!pendingDays && pendingDays > 0 && (
          <Typography.Text type="warning">
            {t('reports.common.pending', { count: pendingDays })}
          </Typography.Text>
        )}
      </Flex>
    </Space>
  );
}
