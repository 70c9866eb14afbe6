import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Card, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../api/client';
import { ListExportButton } from '../../components/list-export-button';
import { UserSelect } from '../../components/user-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { TaskFormModal } from './task-form-modal';
import { TASKS, TASKS_KEY } from './task-types';
import type { Task, TaskKind } from './task-types';
import { ListTable } from '../../components/list-table';

type StateFilter = 'open' | 'overdue' | 'done' | 'all';

function DueCell({ task }: { task: Task }) {
  const { t } = useTranslation();
  const late = task.state === 'open' && task.overdue;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text
        type={late ? 'danger' : undefined}
        strong={late}
        data-testid={late ? 'task-overdue' : undefined}
      >
        {formatTime(task.dueAt)}
      </Typography.Text>
      {late && <Tag color="red">{t('tasks.overdue')}</Tag>}
      {task.escalatedAt && <Tag color="volcano">{t('tasks.escalated')}</Tag>}
    </Space>
  );
}

function columns(t: TFunction, actions: (task: Task) => ReactNode): TableColumnsType<Task> {
  return [
    {
      title: t('tasks.kindLabel'),
      key: 'kind',
      width: 90,
      render: (_, r) => (
        <Tag color={r.kind === 'call_back' ? 'blue' : 'purple'}>{t(`tasks.kind.${r.kind}`)}</Tag>
      ),
    },
    { title: t('tasks.dueAt'), key: 'due', width: 150, render: (_, r) => <DueCell task={r} /> },
    {
      title: t('tasks.caller'),
      key: 'caller',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.callerName && <Typography.Text>{r.callerName}</Typography.Text>}
          <Typography.Text
            copyable={{ text: r.callerPhone.replace(/[^\d+]/g, '') }}
            style={{ fontFamily: 'monospace' }}
          >
            <a href={`tel:${r.callerPhone.replace(/[^\d+]/g, '')}`}>{r.callerPhone}</a>
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('tasks.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('tasks.ticket'),
      key: 'ticket',
      width: 90,
      render: (_, r) =>
        r.ticketId ? <Link to={`/tickets/${r.ticketId}`}>{t('tasks.openTicket')}</Link> : '—',
    },
    {
      title: t('common.status'),
      key: 'state',
      width: 160,
      render: (_, r) =>
        r.state === 'open' ? (
          <Tag color="processing">{t('tasks.state.open')}</Tag>
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag>{t(`tasks.state.${r.state}`)}</Tag>
            {r.outcome && <Typography.Text type="secondary">{r.outcome}</Typography.Text>}
          </Space>
        ),
    },
    { title: t('common.actions'), key: 'actions', width: 150, fixed: 'right', render: (_, r) => actions(r) },
  ];
}

/** 我的待办: my call-backs (IN-5) and messages (IN-6), overdue in red; done with an outcome, or handed over. */
export function TasksPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<StateFilter>('open');
  const [kind, setKind] = useState<TaskKind | 'all'>('all');
  const [completing, setCompleting] = useState<Task | null>(null);
  const [outcome, setOutcome] = useState('');
  const [reassigning, setReassigning] = useState<Task | null>(null);
  const [assignee, setAssignee] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const filters = {
    state: filter === 'overdue' ? 'open' : filter,
    due: filter === 'overdue' ? 'overdue' : undefined,
    kind: kind === 'all' ? undefined : kind,
  };
  const { query, items, pagination } = usePagedList<Task>(TASKS_KEY, TASKS, filters);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [TASKS_KEY] });
  const done = useMutation({
    mutationFn: (v: { id: string; outcome: string }) =>
      post<Task>(`${TASKS}/${v.id}/done`, { outcome: v.outcome }),
    onSuccess: async () => {
      notifySuccess(t('tasks.doneSaved'));
      setCompleting(null);
      setOutcome('');
      await refresh();
    },
  });
  const reassign = useMutation({
    mutationFn: (v: { id: string; assigneeId: string }) =>
      post<Task>(`${TASKS}/${v.id}/reassign`, { assigneeId: v.assigneeId }),
    onSuccess: async () => {
      notifySuccess(t('tasks.reassigned'));
      setReassigning(null);
      setAssignee(undefined);
      await refresh();
    },
  });
  const actions = (task: Task) =>
    task.state === 'open' ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setCompleting(task)} data-testid="task-done">
          {t('tasks.markDone')}
        </Button>
        <Button type="link" size="small" onClick={() => setReassigning(task)}>
          {t('tasks.reassign')}
        </Button>
      </Space>
    ) : null;

  return (
    <Card
      title={t('tasks.title')}
      extra={
        <Space>
          <ListExportButton path={`${TASKS}/export.xlsx`} filters={filters} filename={t('tasks.title')} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tickets.intake.task')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<StateFilter>
          value={filter}
          onChange={setFilter}
          options={(['open', 'overdue', 'done', 'all'] as const).map((v) => ({
            value: v,
            label: t(`tasks.filter.${v}`),
          }))}
        />
        <Segmented<TaskKind | 'all'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'call_back', label: t('tasks.kind.call_back') },
            { value: 'message', label: t('tasks.kind.message') },
          ]}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void query.refetch()}
          aria-label={t('common.refresh')}
        />
      </Space>
      <ListTable<Task>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns(t, actions)}
        pagination={pagination}
        data-testid="tasks-table"
      />
      <Modal
        open={completing !== null}
        title={t('tasks.doneTitle')}
        onCancel={() => setCompleting(null)}
        onOk={() => completing && done.mutate({ id: completing.id, outcome: outcome.trim() })}
        okButtonProps={{ disabled: !outcome.trim() }}
        confirmLoading={done.isPending}
        destroyOnHidden
      >
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={2000}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          placeholder={t('tasks.outcomePlaceholder')}
          data-testid="task-outcome"
        />
      </Modal>
      <Modal
        open={reassigning !== null}
        title={t('tasks.reassignTitle')}
        onCancel={() => setReassigning(null)}
        onOk={() => reassigning && assignee && reassign.mutate({ id: reassigning.id, assigneeId: assignee })}
        okButtonProps={{ disabled: !assignee }}
        confirmLoading={reassign.isPending}
        destroyOnHidden
      >
        <UserSelect userStatus="active" value={assignee} onChange={setAssignee} style={{ width: '100%' }} />
      </Modal>
      <TaskFormModal open={creating} prefill={{}} onClose={() => setCreating(false)} />
    </Card>
  );
}
