import { useState } from 'react';
import { Alert, Button, Card, Empty, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, get, localizedMessage, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { TICKET_STATE_LABELS, type TicketSummary } from '../../../shared/tickets';
import { WORK_ORDER_STATE_LABELS, type WorkOrderRow } from '../../../shared/workorders';
import type { JourneyDetail } from './journeys-api';
import type { JourneySubjectType } from './subject-journeys';

const subjectPath = (type: JourneySubjectType, id: string) =>
  type === 'ticket' ? `/tickets/${id}` : `/workorders/${id}`;

/**
 * The tickets and work orders linked to the journey, with the hand-made link (关联工单 /
 * 关联派工单: one of the journey's customer's, picked from a search) and its removal while the
 * journey runs. `onChanged` receives the journey as the server returns it after the change.
 */
export function JourneyLinks(props: { journey: JourneyDetail; onChanged: (j: JourneyDetail) => void }) {
  const { journey: j, onChanged } = props;
  const { t } = useTranslation();
  const can = useCan();
  const [picking, setPicking] = useState<JourneySubjectType | null>(null);
  const editable = j.stage !== null && can('journeys.run');
  const unlink = useMutation({
    mutationFn: (linkId: string) =>
      api<JourneyDetail>(`/api/v1/journeys/${j.id}/links/${linkId}`, { method: 'DELETE' }),
    onSuccess: onChanged,
  });
  if (j.links.length === 0 && !editable) return null;
  return (
    <Card
      size="small"
      title={t('journeys.links.title')}
      data-testid="journey-links"
      extra={
        editable && (
          <Space>
            {can('tickets.read') && (
              <Button size="small" data-testid="link-ticket" onClick={() => setPicking('ticket')}>
                {t('journeys.links.addTicket')}
              </Button>
            )}
            {can('workorders.read') && (
              <Button size="small" data-testid="link-work-order" onClick={() => setPicking('work_order')}>
                {t('journeys.links.addWorkOrder')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {unlink.isError && (
        <Alert
          type="error"
          showIcon
          closable
          style={{ marginBottom: 8 }}
          message={linkProblem(t, unlink.error)}
          onClose={() => unlink.reset()}
        />
      )}
      {j.links.length === 0 ? (
        <Typography.Text type="secondary">{t('journeys.links.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={j.links}
          renderItem={(l) => (
            <List.Item
              data-testid={`journey-link-${l.subjectId}`}
              actions={
                editable
                  ? [
                      <Popconfirm
                        key="unlink"
                        title={t('journeys.links.unlinkConfirm')}
                        okText={t('journeys.links.unlink')}
                        onConfirm={() => unlink.mutate(l.id)}
                      >
                        <Button size="small" type="link" danger loading={unlink.isPending}>
                          {t('journeys.links.unlink')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space wrap size={6}>
                <Tag>{t(`journeys.links.${l.subjectType}`)}</Tag>
                <Link to={subjectPath(l.subjectType, l.subjectId)}>{l.number ?? '—'}</Link>
                <span>{l.title}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('journeys.links.linkedAt', { at: formatTime(l.linkedAt) })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {picking && (
        <LinkPicker
          journey={j}
          type={picking}
          onClose={() => setPicking(null)}
          onLinked={(next) => {
            onChanged(next);
            setPicking(null);
          }}
        />
      )}
    </Card>
  );
}

/** What went wrong with a link, in words a customer-service manager reads (404/422 of the API). */
function linkProblem(t: (key: string) => string, error: unknown): string {
  if (error instanceof ApiError) {
    const known: Record<string, string> = {
      'tickets.not_found': 'journeys.links.error.ticketNotFound',
      'workorders.not_found': 'journeys.links.error.workOrderNotFound',
      'journeys.link_other_customer': 'journeys.links.error.otherCustomer',
      'journeys.link_not_found': 'journeys.links.error.linkNotFound',
      'journeys.finished': 'journeys.links.error.finished',
    };
    const key = known[error.code];
    if (key) return t(key);
  }
  return localizedMessage(error);
}

interface Option {
  value: string;
  label: string;
}

/** Search the journey customer's tickets or work orders and link the one picked. */
function LinkPicker(props: {
  journey: JourneyDetail;
  type: JourneySubjectType;
  onClose: () => void;
  onLinked: (j: JourneyDetail) => void;
}) {
  const { journey: j, type } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const already = new Set(j.links.map((l) => l.subjectId));
  const candidates = useQuery({
    queryKey: ['journeys', 'link-candidates', type, j.customerId, q],
    queryFn: async ({ signal }): Promise<Option[]> => {
      const query = { customerId: j.customerId, q: q.trim() || undefined, pageSize: 20 };
      if (type === 'ticket') {
        const r = await get<{ items: TicketSummary[] }>('/api/v1/tickets', query, signal);
        return r.items.map((x) => ({
          value: x.id,
          label: `${x.number} · ${x.subject} · ${TICKET_STATE_LABELS[x.state][lang]}`,
        }));
      }
      const r = await get<{ items: WorkOrderRow[] }>('/api/v1/workorders', query, signal);
      return r.items.map((x) => ({
        value: x.id,
        label: `${x.number} · ${x.problem} · ${WORK_ORDER_STATE_LABELS[x.state][lang]}`,
      }));
    },
  });
  const link = useMutation({
    mutationFn: (subjectId: string) =>
      post<JourneyDetail>(`/api/v1/journeys/${j.id}/links`, { subjectType: type, subjectId }),
    onSuccess: props.onLinked,
  });
  const options = (candidates.data ?? []).filter((o) => !already.has(o.value));
  return (
    <Modal
      open
      title={type === 'ticket' ? t('journeys.links.addTicket') : t('journeys.links.addWorkOrder')}
      okText={t('journeys.links.confirm')}
      okButtonProps={{ disabled: !picked, loading: link.isPending, ...{ 'data-testid': 'link-confirm' } }}
      onCancel={props.onClose}
      onOk={() => picked && link.mutate(picked)}
    >
      <Typography.Paragraph type="secondary">
        {t('journeys.links.explain', { customer: j.customerName ?? '—' })}
      </Typography.Paragraph>
      <Select
        showSearch
        allowClear
        style={{ width: '100%' }}
        data-testid="link-subject"
        placeholder={
          type === 'ticket' ? t('journeys.links.searchTicket') : t('journeys.links.searchWorkOrder')
        }
        filterOption={false}
        loading={candidates.isFetching}
        onSearch={setQ}
        value={picked}
        onChange={(v: string | undefined) => {
          setPicked(v ?? null);
          link.reset();
        }}
        options={options}
        notFoundContent={
          candidates.isFetching ? null : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('journeys.links.noCandidates')} />
          )
        }
      />
      {link.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="link-error"
          message={linkProblem(t, link.error)}
        />
      )}
    </Modal>
  );
}
