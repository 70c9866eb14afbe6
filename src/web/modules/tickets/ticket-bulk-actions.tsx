import { useState } from 'react';
import { Alert, Button, Dropdown, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { ASSIGN_FIELD, AssignTargetPicker } from './ticket-assign-target';
import type { AssignTo } from './ticket-assign-target';
import { TICKETS, TICKETS_KEY } from './tickets-api';
import { TRANSITION_TARGETS, type TicketState, type TicketSummary } from '../../../shared/tickets';

/** One ticket's outcome in a bulk answer: a refused ticket is left as it was, the others change. */
type BulkResult =
  | { ticketId: string; ok: true }
  | { ticketId: string; ok: false; code: string; status: number; message: string; messageEn: string };

interface BulkAnswer {
  succeeded: number;
  failed: number;
  results: BulkResult[];
}

/** States `/tickets/bulk/transition` may move to (assigned and merged have their own actions). */
const BULK_STATES: readonly TicketState[] = TRANSITION_TARGETS;

type Dialog = { kind: 'assign' } | { kind: 'transition'; to: TicketState } | null;

/** 批量操作 on the selected rows of the ticket list, with every ticket's own outcome shown after. */
export function TicketBulkActions({
  selected,
  unitId,
  onDone,
}: {
  selected: TicketSummary[];
  unitId: string | undefined;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [to, setTo] = useState<AssignTo>('user');
  const [target, setTarget] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<{ answer: BulkAnswer; numbers: Map<string, string> } | null>(null);
  const run = useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) =>
      api<BulkAnswer>(`${TICKETS}/bulk/${path}`, { method: 'POST', body }),
    onSuccess: async (result) => {
      setAnswer({ answer: result, numbers: new Map(selected.map((s) => [s.id, s.number])) });
      setDialog(null);
      setTarget(undefined);
      setReason('');
      onDone();
      await queryClient.invalidateQueries({ queryKey: [TICKETS_KEY] });
    },
  });
  const ticketIds = selected.map((s) => s.id);
  const reasonRequired = dialog?.kind === 'transition' && dialog.to === 'cancelled';
  const submit = () => {
    if (dialog?.kind === 'assign' && target)
      run.mutate({ path: 'assign', body: { ticketIds, [ASSIGN_FIELD[to]]: target } });
    if (dialog?.kind === 'transition')
      run.mutate({
        path: 'transition',
        body: { ticketIds, to: dialog.to, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
  };
  const english = i18n.language === 'en';
  return (
    <>
      <Space wrap data-testid="bulk-actions">
        <Typography.Text>{t('tickets.bulk.selected', { count: selected.length })}</Typography.Text>
        {can('tickets.assign') && (
          <Button
            disabled={selected.length === 0}
            onClick={() => setDialog({ kind: 'assign' })}
            data-testid="bulk-assign"
          >
            {t('tickets.bulk.assign')}
          </Button>
        )}
        {can('tickets.manage') && (
          <Dropdown
            trigger={['click']}
            disabled={selected.length === 0}
            menu={{
              items: BULK_STATES.map((s) => ({
                key: s,
                label: t(`tickets.state.${s}`),
                danger: s === 'cancelled',
              })),
              onClick: ({ key }) => setDialog({ kind: 'transition', to: key as TicketState }),
            }}
          >
            <Button data-testid="bulk-transition">
              {t('tickets.bulk.transition')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </Space>
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'transition'
            ? t('tickets.bulk.moveTitle', {
                count: selected.length,
                state: t(`tickets.state.${dialog.to}`),
              })
            : t('tickets.bulk.assignTitle', { count: selected.length })
        }
        onCancel={() => setDialog(null)}
        onOk={submit}
        okButtonProps={{
          disabled: (dialog?.kind === 'assign' && !target) || (reasonRequired && !reason.trim()),
          danger: reasonRequired,
        }}
        confirmLoading={run.isPending}
        destroyOnHidden
      >
        {dialog?.kind === 'assign' && (
          <AssignTargetPicker
            unitId={unitId}
            to={to}
            onToChange={setTo}
            target={target}
            onTargetChange={setTarget}
          />
        )}
        {dialog?.kind === 'transition' && (
          <Input.TextArea
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={
              reasonRequired ? t('tickets.actions.reasonRequired') : t('tickets.actions.reasonOptional')
            }
          />
        )}
      </Modal>
      <Modal
        open={answer !== null}
        title={t('tickets.bulk.resultTitle')}
        onCancel={() => setAnswer(null)}
        footer={<Button onClick={() => setAnswer(null)}>{t('tickets.bulk.close')}</Button>}
        width={640}
      >
        {answer && (
          <>
            <Alert
              type={answer.answer.failed === 0 ? 'success' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={t('tickets.bulk.summary', {
                succeeded: answer.answer.succeeded,
                failed: answer.answer.failed,
              })}
              data-testid="bulk-summary"
            />
            <Table<BulkResult>
              rowKey="ticketId"
              size="small"
              pagination={false}
              dataSource={answer.answer.results}
              data-testid="bulk-results"
              columns={[
                {
                  title: t('tickets.number'),
                  key: 'number',
                  width: 170,
                  render: (_, r) => (
                    <span style={{ fontFamily: 'monospace' }}>
                      {answer.numbers.get(r.ticketId) ?? r.ticketId}
                    </span>
                  ),
                },
                {
                  title: t('tickets.bulk.outcome'),
                  key: 'outcome',
                  render: (_, r) =>
                    r.ok ? (
                      <Tag color="green">{t('tickets.bulk.ok')}</Tag>
                    ) : (
                      <Space size={4}>
                        <Tag color="red">{t('tickets.bulk.failed')}</Tag>
                        <Typography.Text type="danger">{english ? r.messageEn : r.message}</Typography.Text>
                      </Space>
                    ),
                },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
