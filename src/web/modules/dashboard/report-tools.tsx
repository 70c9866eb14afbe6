import { useState } from 'react';
import { Button } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { QueryValue } from '../../api/client';
import { downloadFile } from '../../lib/download';
import { showError } from '../../lib/notify';

/**
 * RPT-6: a report's Excel file (GET <path>.xlsx with the page's filters), fetched as a file so a
 * refusal (400 reversed period, 404 unit) shows as a message instead of a broken download.
 */
export function ReportExcelButton({
  path,
  query,
  filename,
}: {
  path: string;
  query: Record<string, QueryValue>;
  filename: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(path, query, `${filename}.xlsx`);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      onClick={() => void download()}
      data-testid="report-excel"
    >
      {t('dashboard.report.excel')}
    </Button>
  );
}

/** Prints the report: the side menu, header and filters stay off the paper. */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
      {t('dashboard.report.print')}
    </Button>
  );
}

/** The print layout of a report page: only the report, on A4 landscape. */
export function ReportPrintStyle() {
  return (
    <style>{`@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .ant-card { box-shadow: none !important; break-inside: avoid; }
}`}</style>
  );
}
