import { useState } from 'react';
import {
  Button,
  Card,
  Empty,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get } from '../../api/client';
import type { ItemList } from '../../api/types';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { ExportButton } from '../../components/export-button';
import type { CsvColumn } from '../../lib/csv';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { ticketLink } from '../tickets/ticket-columns';
import { TicketTypeTag } from '../tickets/ticket-tags';
import { TICKETS_KEY } from '../tickets/ticket-types';
import { CLOSE_OUT_STATES, CLOSE_OUTS_KEY } from './complaint-types';
import type { CloseOutRequest, CloseOutState } from './complaint-types';

const assessmentText = (t: TFunction, r: CloseOutRequest) =>
  r.assessment
    ? `${t(r.assessment.counts ? 'complaints.assessmentCounts' : 'complaints.assessmentNotCounted')}${r.assessment.note ? `：${r.assessment.note}` : ''}`
    : '—';

function columns(
  t: TFunction,
  state: CloseOutState,
  actions: {
    approve: (r: CloseOutRequest) => void;
    reject: (r: CloseOutRequest) => void;
    busy: boolean;
    allowed: boolean;
  },
): TableColumnsType<CloseOutRequest> {
  const cols: TableColumnsType<CloseOutRequest> = [
    {
      title: t('tickets.number'),
      key: 'number',
      width: 160,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={ticketLink(r.ticket.id)} style={{ fontFamily: 'monospace' }}>
            {r.ticket.number}
          </Link>
          <TicketTypeTag type={r.ticket.type} />
        </Space>
      ),
    },
    { title: t('tickets.subject'), key: 'subject', ellipsis: true, render: (_, r) => r.ticket.subject },
    { title: t('complaints.unit'), key: 'unit', width: 130, render: (_, r) => r.ticket.unit.name },
    {
      title: t('complaints.department'),
      key: 'dept',
      width: 120,
      render: (_, r) => r.ticket.assigneeDepartment?.name ?? '—',
    },
    {
      title: t('complaints.opinion'),
      key: 'opinion',
      width: 260,
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }}>{r.opinion}</Typography.Paragraph>
      ),
    },
    {
      title: t('complaints.assessment'),
      key: 'assessment',
      width: 180,
      render: (_, r) => <Tag color={r.assessment?.counts ? 'orange' : 'default'}>{assessmentText(t, r)}</Tag>,
    },
    {
      title: t('complaints.evaluation'),
      key: 'evaluation',
      width: 110,
      render: (_, r) => (r.evaluation ? t(`complaints.evaluationResult.${r.evaluation}`) : '—'),
    },
    {
      title: t('complaints.requestedBy'),
      key: 'requested',
      width: 160,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.requestedBy?.name ?? '—'}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.requestedAt)}
          </Typography.Text>
        </Space>
      ),
    },
  ];
  if (state === 'pending' && actions.allowed)
    cols.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, r) => (
        <Space>
          <Popconfirm title={t('complaints.approveConfirm')} onConfirm={() => actions.approve(r)}>
            <Button
              type="primary"
              size="small"
              icon={<CheckOutlined />}
              disabled={actions.busy}
              data-testid="approve-close-out"
            >
              {t('complaints.approve')}
            </Button>
          </Popconfirm>
          <Button
            danger
            size="small"
            icon={<CloseOutlined />}
            onClick={() => actions.reject(r)}
            data-testid="reject-close-out"
          >
            {t('complaints.reject')}
          </Button>
        </Space>
      ),
    });
  if (state !== 'pending')
    cols.push({
      title: t('complaints.decidedBy'),
      key: 'decided',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.decidedBy?.name ?? '—'}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.decidedAt)}
          </Typography.Text>
          {r.rejectReason && <Typography.Text type="danger">{r.rejectReason}</Typography.Text>}
        </Space>
      ),
    });
  return cols;
}

function csvColumns(t: TFunction): CsvColumn<CloseOutRequest>[] {
  return [
    { title: t('tickets.number'), value: (r) => r.ticket.number },
    { title: t('tickets.typeLabel'), value: (r) => t(`tickets.type.${r.ticket.type}`) },
    { title: t('tickets.subject'), value: (r) => r.ticket.subject },
    { title: t('complaints.unit'), value: (r) => r.ticket.unit.name },
    { title: t('complaints.department'), value: (r) => r.ticket.assigneeDepartment?.name ?? '' },
    { title: t('complaints.opinion'), value: (r) => r.opinion },
    { title: t('complaints.assessment'), value: (r) => assessmentText(t, r) },
    {
      title: t('complaints.evaluation'),
      value: (r) => (r.evaluation ? t(`complaints.evaluationResult.${r.evaluation}`) : ''),
    },
    { title: t('complaints.requestedBy'), value: (r) => r.requestedBy?.name ?? '' },
    { title: t('complaints.requestedAt'), value: (r) => formatTime(r.requestedAt) },
    {
      title: t('complaints.closeOutState'),
      value: (r) => (r.state ? t(`complaints.closeOut.${r.state}`) : ''),
    },
    { title: t('complaints.decidedBy'), value: (r) => r.decidedBy?.name ?? '' },
    { title: t('complaints.rejectReason'), value: (r) => r.rejectReason ?? '' },
  ];
}

/** 投诉结案审批 (CMP-5): close-out requests waiting for the general manager, approve or send back. */
export function CloseOutApprovalsPage() {
  const { t } = useTranslation();
  const { unitId } = useCurrentUnit();
  const can = useCan();
  const queryClient = useQueryClient();
  const [state, setState] = useState<CloseOutState>('pending');
  const [rejecting, setRejecting] = useState<CloseOutRequest | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({
    queryKey: [CLOSE_OUTS_KEY, state, unitId ?? null],
    queryFn: ({ signal }) =>
      get<ItemList<CloseOutRequest>>('/api/v1/complaints/close-outs', { state, unitId }, signal),
  });
  const decide = useMutation({
    mutationFn: ({ id, reject }: { id: string; reject?: string }) =>
      api(`/api/v1/tickets/${id}/close-out/${reject ? 'reject' : 'approve'}`, {
        method: 'POST',
        body: reject ? { reason: reject } : {},
      }),
    onSuccess: async (_data, v) => {
      notifySuccess(t(v.reject ? 'complaints.rejected' : 'complaints.approved'));
      setRejecting(null);
      setReason('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [CLOSE_OUTS_KEY] }),
        queryClient.invalidateQueries({ queryKey: [TICKETS_KEY] }),
      ]);
    },
  });
  const items = list.data?.items ?? [];
  return (
    <Card
      title={t('complaints.approvalsTitle')}
      extra={
        <Space>
          <ExportButton rows={items} columns={csvColumns(t)} filename={t('complaints.approvalsTitle')} />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            aria-label={t('common.refresh')}
          />
        </Space>
      }
    >
      <Segmented<CloseOutState>
        value={state}
        onChange={setState}
        options={CLOSE_OUT_STATES.map((s) => ({ value: s, label: t(`complaints.closeOut.${s}`) }))}
        style={{ marginBottom: 16 }}
      />
      <Table<CloseOutRequest>
        rowKey={(r) => r.ticket.id}
        size="middle"
        loading={list.isFetching}
        dataSource={items}
        columns={columns(t, state, {
          approve: (r) => decide.mutate({ id: r.ticket.id }),
          reject: setRejecting,
          busy: decide.isPending,
          allowed: can(PERM.complaintsApprove),
        })}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1500 }}
        locale={{ emptyText: <Empty description={t('complaints.approvalsEmpty')} /> }}
        data-testid="close-out-table"
      />
      <Modal
        open={rejecting !== null}
        title={t('complaints.rejectTitle', { number: rejecting?.ticket.number ?? '' })}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && decide.mutate({ id: rejecting.ticket.id, reject: reason.trim() })}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={decide.isPending}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('complaints.rejectReasonPlaceholder')}
          data-testid="reject-reason"
        />
      </Modal>
    </Card>
  );
}
