import { useState } from 'react';
import { Button, Card, DatePicker, Input, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { notifySuccess, showError } from '../../lib/notify';
import { CARE_API } from './care-api';

/**
 * CARE-1 出厂登记: the front-desk service advisor records that a finished job's vehicle/item left
 * the shop; the customer's SMS within 30 minutes names the advisor.
 */
export function CareDeparturePage() {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [leftAt, setLeftAt] = useState<Dayjs | null>(null);
  const record = useMutation({
    mutationFn: () =>
      post(`${CARE_API}/departures`, {
        workOrderNumber: number.trim(),
        ...(leftAt ? { leftAt: leftAt.toISOString() } : {}),
      }),
    onSuccess: () => {
      notifySuccess(t('care.departure.done'));
      setNumber('');
      setLeftAt(null);
    },
    onError: showError,
  });
  return (
    <Card title={t('care.departure.title')} style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('care.departure.hint')}</Typography.Paragraph>
      <Space wrap>
        <Input
          style={{ width: 240 }}
          maxLength={40}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          onPressEnter={() => number.trim() && record.mutate()}
          placeholder={t('care.departure.number')}
          aria-label={t('care.departure.number')}
          data-testid="departure-number"
        />
        <DatePicker showTime value={leftAt} onChange={setLeftAt} placeholder={t('care.departure.leftAt')} />
        <Button
          type="primary"
          disabled={!number.trim()}
          loading={record.isPending}
          onClick={() => record.mutate()}
          data-testid="departure-submit"
        >
          {t('care.departure.submit')}
        </Button>
      </Space>
    </Card>
  );
}
