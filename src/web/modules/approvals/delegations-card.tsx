import { useState } from 'react';
import { Button, DatePicker, Flex, List, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DelegationView } from '../../../shared/approvals';
import { get, post } from '../../api/client';
import { UserSelect } from '../../components/user-select';
import { formatTime } from '../../lib/format';
import { showError } from '../../lib/notify';

/** A delegate while away: the approvals of one's roles go to a colleague between two dates. */
export function DelegationsCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [to, setTo] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const list = useQuery({
    queryKey: ['approvals', 'delegations'],
    queryFn: ({ signal }) =>
      get<{ items: DelegationView[] }>('/api/v1/approvals/delegations', undefined, signal),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['approvals'] });
  const add = useMutation({
    mutationFn: () =>
      post('/api/v1/approvals/delegations', {
        toUserId: to,
        startsAt: range![0]!.toISOString(),
        endsAt: range![1]!.toISOString(),
      }),
    onSuccess: refresh,
    onError: showError,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => post(`/api/v1/approvals/delegations/${id}/revoke`),
    onSuccess: refresh,
    onError: showError,
  });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <UserSelect
          style={{ minWidth: 200 }}
          value={to}
          onChange={setTo}
          placeholder={t('approvals.delegateTo')}
        />
        <DatePicker.RangePicker
          showTime
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          placeholder={[t('approvals.delegateFrom'), t('approvals.delegateUntil')]}
        />
        <Button
          type="primary"
          disabled={!to || !range?.[0] || !range[1]}
          loading={add.isPending}
          onClick={() => add.mutate()}
        >
          {t('approvals.delegateAdd')}
        </Button>
      </Flex>
      <List
        size="small"
        dataSource={list.data?.items ?? []}
        renderItem={(d) => (
          <List.Item
            actions={
              d.revokedAt
                ? []
                : [
                    <Button key="revoke" size="small" onClick={() => revoke.mutate(d.id)}>
                      {t('approvals.delegateRevoke')}
                    </Button>,
                  ]
            }
          >
            <Typography.Text delete={!!d.revokedAt}>
              {t('approvals.delegateGiven', { from: d.fromName, to: d.toName })} · {formatTime(d.startsAt)} –{' '}
              {formatTime(d.endsAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Flex>
  );
}
