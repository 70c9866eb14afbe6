import { useState } from 'react';
import { Button, Space, TimePicker, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { notifySuccess } from '../../lib/notify';
import { MESSAGES_API, MSG_PERM } from './messages-api';

interface ContactHours {
  start: string;
  end: string;
  timeZone: string;
  fromUnitId: string | null;
}

const KEY = 'contact-hours';

/** CARE-4: the unit's contact hours — no calls or SMS outside them; units below inherit them. */
export function ContactHoursEditor({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const hours = useQuery({
    queryKey: [KEY, unitId],
    queryFn: () => get<ContactHours>(`${MESSAGES_API}/contact-hours/${unitId}`),
  });
  const [draft, setDraft] = useState<[Dayjs, Dayjs] | null>(null);
  const save = useMutation({
    mutationFn: (value: { start: string; end: string } | null) =>
      api<ContactHours>(`${MESSAGES_API}/contact-hours/${unitId}`, { method: 'PUT', body: { hours: value } }),
    onSuccess: async () => {
      notifySuccess(t('messages.contactHours.saved'));
      setDraft(null);
      await queryClient.invalidateQueries({ queryKey: [KEY] });
    },
  });
  const h = hours.data;
  if (!h) return null;
  const shown: [Dayjs, Dayjs] = draft ?? [dayjs(h.start, 'HH:mm'), dayjs(h.end, 'HH:mm')];
  const own = h.fromUnitId === unitId;
  return (
    <Space wrap data-testid="contact-hours">
      <Typography.Text>{t('messages.contactHours.label')}</Typography.Text>
      <TimePicker.RangePicker
        format="HH:mm"
        minuteStep={5}
        allowClear={false}
        value={shown}
        disabled={!can(MSG_PERM.manage)}
        onChange={(v) => v?.[0] && v[1] && setDraft([v[0], v[1]])}
      />
      <Typography.Text type="secondary">
        {own
          ? t('messages.contactHours.own')
          : h.fromUnitId
            ? t('messages.contactHours.inherited')
            : t('messages.contactHours.default')}
      </Typography.Text>
      {draft && (
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => save.mutate({ start: draft[0].format('HH:mm'), end: draft[1].format('HH:mm') })}
        >
          {t('common.save')}
        </Button>
      )}
      {own && can(MSG_PERM.manage) && (
        <Button onClick={() => save.mutate(null)}>{t('messages.contactHours.inherit')}</Button>
      )}
    </Space>
  );
}
