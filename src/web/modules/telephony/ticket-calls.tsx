import { Card, List, Space, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';

interface TicketCall {
  contactId: string;
  callId: string;
  ringingAt: string | null;
  answeredAt: string | null;
  durationSeconds: number | null;
  hangupCause: 'caller' | 'agent' | 'no_answer' | 'busy' | 'failed' | 'system' | null;
  hasRecording: boolean;
  recordingPath: string | null;
}

/**
 * The calls a ticket was taken from (IN-3) with the telephony vendor's after-call record, and a player
 * for the recording when this person may hear it (telephony.recordings.play): the audio comes
 * through Kefu, never from the vendor's address. Nothing shows for a ticket no call led to.
 */
export function TicketCalls({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const calls = useQuery({
    queryKey: ['telephony', 'ticket-calls', ticketId],
    queryFn: ({ signal }) =>
      get<TicketCall[]>(`/api/v1/telephony/tickets/${ticketId}/calls`, undefined, signal),
    meta: { silent: true },
  });
  if (!calls.data || calls.data.length === 0) return null;
  return (
    <Card size="small" title={t('telephony.calls.title')} data-testid="ticket-calls">
      <List
        size="small"
        dataSource={calls.data}
        rowKey="contactId"
        renderItem={(c) => {
          const answerSeconds =
            c.ringingAt && c.answeredAt
              ? Math.round((Date.parse(c.answeredAt) - Date.parse(c.ringingAt)) / 1000)
              : null;
          return (
            <List.Item data-testid={`ticket-call-${c.callId}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <PhoneOutlined />
                  <Typography.Text>
                    {c.ringingAt ? `${t('telephony.calls.ringing')} ${formatTime(c.ringingAt)}` : c.callId}
                  </Typography.Text>
                  {answerSeconds !== null ? (
                    <Tag>{t('telephony.calls.answerAfter', { seconds: answerSeconds })}</Tag>
                  ) : (
                    c.ringingAt && <Tag color="red">{t('telephony.calls.unanswered')}</Tag>
                  )}
                  {c.answeredAt && c.durationSeconds !== null && (
                    <Tag>{t('telephony.calls.talk', { seconds: c.durationSeconds })}</Tag>
                  )}
                  {c.hangupCause && <Tag>{t(`telephony.calls.hangup.${c.hangupCause}`)}</Tag>}
                </Space>
                {c.recordingPath ? (
                  <audio
                    controls
                    preload="none"
                    src={c.recordingPath}
                    style={{ width: '100%' }}
                    data-testid="call-recording"
                  />
                ) : (
                  <Typography.Text type="secondary">
                    {c.hasRecording
                      ? t('telephony.calls.noRecordingRight')
                      : t('telephony.calls.noRecording')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
