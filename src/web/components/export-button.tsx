import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { downloadCsv, toCsv } from '../lib/csv';
import type { CsvColumn } from '../lib/csv';
import { notifySuccess, notifyError } from '../lib/notify';

/** Downloads the rows currently loaded in a table as an Excel-friendly CSV. */
export function ExportButton<T>({
  rows,
  columns,
  filename,
}: {
  rows: readonly T[];
  columns: readonly CsvColumn<T>[];
  filename: string;
}) {
  const { t } = useTranslation();
  const onClick = () => {
    if (rows.length === 0) {
      notifyError(t('common.nothingToExport'));
      return;
    }
    downloadCsv(`${filename}-${dayjs().format('YYYYMMDD-HHmmss')}.csv`, toCsv(rows, columns));
    notifySuccess(t('common.exported', { count: rows.length }));
  };
  return (
    <Button icon={<DownloadOutlined />} onClick={onClick} data-testid="export-csv">
      {t('common.export')}
    </Button>
  );
}
