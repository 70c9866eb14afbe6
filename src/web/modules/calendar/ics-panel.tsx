import { useState } from 'react';
import { Alert, Button, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { notifySuccess, showError } from '../../lib/notify';
import { formatPeriods, type DayException } from './calendar-model';

interface Preview {
  count: number;
  years: number[];
  exceptions: (DayException & { date: string })[];
}

/** ICS import (preview table, then confirm) and export of the effective calendar's days. */
export function IcsPanel({
  unitId,
  year,
  canManage,
  onImported,
}: {
  unitId: string;
  year: number;
  canManage: boolean;
  onImported(): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const previewIcs = useMutation({
    mutationFn: () => post<Preview>(`/api/v1/calendars/${unitId}/ics/preview`, { ics: text }),
    onSuccess: setPreview,
    onError: showError,
  });
  const importIcs = useMutation({
    mutationFn: () => post<{ imported: number }>(`/api/v1/calendars/${unitId}/ics/import`, { ics: text }),
    onSuccess: (r) => {
      notifySuccess(t('calendar.imported', { count: r.imported }));
      setPreview(null);
      setText('');
      onImported();
    },
    onError: showError,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button icon={<DownloadOutlined />} href={`/api/v1/calendars/${unitId}/ics/export?year=${year}`}>
          {t('calendar.exportYear', { year })}
        </Button>
        <Button icon={<DownloadOutlined />} href={`/api/v1/calendars/${unitId}/ics/export`}>
          {t('calendar.exportAll')}
        </Button>
      </Space>
      {canManage && (
        <>
          <Typography.Text type="secondary">{t('calendar.icsHelp')}</Typography.Text>
          <Upload
            accept=".ics,text/calendar"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((v) => {
                setText(v);
                setPreview(null);
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('calendar.chooseFile')}</Button>
          </Upload>
          <Input.TextArea
            rows={6}
            value={text}
            placeholder="BEGIN:VCALENDAR …"
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }}
          />
          <Button disabled={!text.trim()} loading={previewIcs.isPending} onClick={() => previewIcs.mutate()}>
            {t('calendar.preview')}
          </Button>
        </>
      )}
      {preview && (
        <>
          <Alert
            type="info"
            showIcon
            message={t('calendar.previewSummary', { count: preview.count, years: preview.years.join('、') })}
          />
          <Table
            size="small"
            rowKey="date"
            dataSource={preview.exceptions}
            pagination={{ pageSize: 15 }}
            columns={[
              { title: t('calendar.date'), dataIndex: 'date', width: 130 },
              {
                title: t('calendar.kindLabel'),
                dataIndex: 'kind',
                render: (k: string) => <Tag>{t(`calendar.exceptionKind.${k}`)}</Tag>,
              },
              { title: t('calendar.name'), dataIndex: 'name', render: (v?: string) => v ?? '—' },
              { title: t('calendar.periods'), key: 'p', render: (_, r) => formatPeriods(r.periods) || '—' },
            ]}
          />
          <Button type="primary" loading={importIcs.isPending} onClick={() => importIcs.mutate()}>
            {t('calendar.confirmImport')}
          </Button>
        </>
      )}
    </Space>
  );
}
