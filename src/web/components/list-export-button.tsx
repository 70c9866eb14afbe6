import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Typography } from 'antd';
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
 * many rows are coming and how much has arrived while it does. A list of personal data (`askReason`,
 * the customers) first asks why, as revealing a number does; the server records the reason.
 */
export function ListExportButton({
  path,
  filters,
  filename,
  askReason = false,
  onRefused,
}: {
  /** The export's address, e.g. /api/v1/customers/export.xlsx. */
  path: string;
  /** The list's filters as it sends them, page and page size left out. */
  filters: Record<string, QueryValue>;
  /** The file name before the time stamp and .xlsx (the list's title). */
  filename: string;
  /** Ask for the reason before exporting (personal data, CUS-4). */
  askReason?: boolean;
  /**
   * A refusal the list handles itself (customers: above the approval limit, offer an export
   * request); returns true when handled, so no error message is shown.
   */
  onRefused?: (error: unknown, reason: string | undefined) => boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [progress, setProgress] = useState<{ bytes: number; rows: number | null } | null>(null);
  const download = async (reason?: string) => {
    setBusy(true);
    try {
      const { page: _page, pageSize: _pageSize, ...rest } = filters;
      const response = await downloadFile(
        path,
        reason ? { ...rest, reason } : rest,
        `${filename}-${dayjs().format('YYYYMMDD-HHmmss')}.xlsx`,
        setProgress,
      );
      notifySuccess(t('common.exported', { count: Number(response.headers.get('x-export-rows') ?? 0) }));
    } catch (error) {
      if (!onRefused?.(error, reason)) showError(error);
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
        onClick={() => (askReason ? setAsking(true) : void download())}
        data-testid="export-xlsx"
      >
        {t('common.exportExcel')}
      </Button>
      {progress && (
        <Typography.Text type="secondary" data-testid="export-progress" aria-live="polite">
          {t('common.exporting', { rows: (progress.rows ?? 0).toLocaleString(), size: size(progress.bytes) })}
        </Typography.Text>
      )}
      {askReason && (
        <Modal
          title={t('common.exportReasonTitle')}
          open={asking}
          onCancel={() => setAsking(false)}
          onOk={() => form.submit()}
          okText={t('common.exportConfirm')}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">{t('common.exportReasonHint')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => {
              setAsking(false);
              form.resetFields();
              void download(v.reason.trim());
            }}
          >
            <Form.Item
              name="reason"
              label={t('common.exportReason')}
              rules={[{ required: true, whitespace: true, message: t('common.exportReasonRequired') }]}
            >
              <Input
                autoFocus
                maxLength={200}
                placeholder={t('common.exportReasonPlaceholder')}
                data-testid="export-reason"
              />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
