import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { QueryValue } from '../api/client';
import { downloadFile } from '../lib/download';
import { notifySuccess, showError } from '../lib/notify';

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * 导出 Excel for any list: every row matching the list's filters (not only the page on screen), from
 * the list's `<path>` (GET …/export.xlsx, app/list-export.ts on the server). The server counts the
 * rows first (a 413 over the limit shows as a message) and streams the workbook; the button says how
 * many rows are coming and how much has arrived while it does.
 */
export function ListExportButton({
  path,
  filters,
  filename,
}: {
  /** The export's address, e.g. /api/v1/customers/export.xlsx. */
  path: string;
  /** The list's filters as it sends them, page and page size left out. */
  filters: Record<string, QueryValue>;
  /** The file name before the time stamp and .xlsx (the list's title). */
  filename: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ bytes: number; rows: number | null } | null>(null);
  const download = async () => {
    setBusy(true);
    try {
      const { page: _page, pageSize: _pageSize, ...rest } = filters;
      const response = await downloadFile(
        path,
        rest,
        `${filename}-${dayjs().format('YYYYMMDD-HHmmss')}.xlsx`,
        setProgress,
      );
      notifySuccess(t('common.exported', { count: Number(response.headers.get('x-export-rows') ?? 0) }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  return (
    <Space size={8}>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy}
        onClick={() => void download()}
        data-testid="export-xlsx"
      >
        {t('common.exportExcel')}
      </Button>
      {progress && (
        <Typography.Text type="secondary" data-testid="export-progress" aria-live="polite">
          {t('common.exporting', { rows: (progress.rows ?? 0).toLocaleString(), size: size(progress.bytes) })}
        </Typography.Text>
      )}
    </Space>
  );
}
