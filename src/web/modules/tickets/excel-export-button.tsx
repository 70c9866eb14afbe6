import { useState } from 'react';
import { Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../lib/download';
import type { QueryValue } from '../../api/client';
import { notifySuccess, showError } from '../../lib/notify';
import { TICKETS } from './tickets-api';

/**
 * The whole filtered list as Excel (GET /tickets/export.xlsx, tickets.export): every page, not only
 * the one on screen. Fetched as a file so a refusal (413 too many rows, 403) shows as a message.
 */
export function ExcelExportButton({
  filters,
  filename,
}: {
  filters: Record<string, QueryValue>;
  filename: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const response = await downloadFile(
        `${TICKETS}/export.xlsx`,
        filters,
        `${filename}-${dayjs().format('YYYYMMDD-HHmmss')}.xlsx`,
      );
      notifySuccess(t('common.exported', { count: Number(response.headers.get('x-export-rows') ?? 0) }));
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
      data-testid="export-xlsx"
    >
      {t('tickets.exportExcel')}
    </Button>
  );
}
